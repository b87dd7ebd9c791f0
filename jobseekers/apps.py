from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobseekersConfig(AppConfig):
    """Participants: intake, supervision and record with consent, résumés, job club."""

    name = "jobseekers"
    verbose_name = _("Participants")

    def ready(self):
        # Texts are to and from participants: portal.messaging's webhooks hand replies
        # and delivery reports to us through this registration.
        from jobseekers.services.texts import text_delivery_report_record, text_reply_receive
        from portal.messaging.registry import TextHandlers, text_handlers_register

        text_handlers_register(
            TextHandlers(
                on_inbound=text_reply_receive, on_delivery_report=text_delivery_report_record
            )
        )
