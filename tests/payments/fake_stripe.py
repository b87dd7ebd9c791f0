"""A stand-in for Stripe's servers at the SDK's HTTP-client boundary: the real `stripe`
library builds and parses every request; this answers them from memory. Nothing leaves
the machine."""

import itertools
import json
from urllib.parse import parse_qs, urlparse

from stripe._http_client import HTTPClient


class FakeStripeHttpClient(HTTPClient):
    name = "fake"

    def __init__(self):
        super().__init__()
        self.requests: list[tuple[str, str, dict, str]] = []
        self.sessions: dict[str, dict] = {}
        self.charges: dict[str, dict] = {}
        self.fail_with_status: int | None = None
        self._ids = itertools.count(1)

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        self.requests.append((method, url, dict(headers or {}), post_data or ""))
        if self.fail_with_status:
            return self._error(self.fail_with_status, "api_error", "Stripe is down")
        path = urlparse(url).path
        query = parse_qs(urlparse(url).query)
        form = {key: values[0] for key, values in parse_qs(post_data or "").items()}
        if method == "post" and path == "/v1/checkout/sessions":
            session_id = f"cs_test_{next(self._ids)}"
            session = {
                "id": session_id,
                "object": "checkout.session",
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "client_reference_id": form.get("client_reference_id"),
                "amount_total": int(form["line_items[0][price_data][unit_amount]"]),
                "status": "open",
                "payment_status": "unpaid",
                "payment_intent": None,
            }
            self.sessions[session_id] = session
            return json.dumps(session), 200, {}
        if method == "get" and path.startswith("/v1/checkout/sessions/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            if session is None:
                return self._error(404, "invalid_request_error", "No such checkout.session")
            if "expand[0]" in query and session["payment_intent"]:
                charge = self._charge_of_intent(session["payment_intent"])
                session = {
                    **session,
                    "payment_intent": {
                        "id": session["payment_intent"],
                        "object": "payment_intent",
                        "latest_charge": charge,
                    },
                }
            return json.dumps(session), 200, {}
        if method == "get" and path == "/v1/checkout/sessions":
            intent = query.get("payment_intent", [""])[0]
            found = [s for s in self.sessions.values() if s["payment_intent"] == intent]
            return json.dumps({"object": "list", "data": found[:1], "has_more": False}), 200, {}
        if method == "get" and path.startswith("/v1/charges/"):
            charge = self.charges.get(path.rsplit("/", 1)[1])
            if charge is None:
                return self._error(404, "invalid_request_error", "No such charge")
            return json.dumps(charge), 200, {}
        if method == "post" and path == "/v1/refunds":
            charge = self._charge_of_intent(form.get("payment_intent", ""))
            if charge is not None:
                charge.update(refunded=True, amount_refunded=charge["amount"])
            return (
                json.dumps({"id": "re_test_1", "object": "refund", "status": "succeeded"}),
                200,
                {},
            )
        return self._error(404, "invalid_request_error", f"Unknown {method} {path}")

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise NotImplementedError

    def close(self):
        pass

    @staticmethod
    def _error(status, kind, message):
        return json.dumps({"error": {"type": kind, "message": message}}), status, {}

    # Helpers for tests: what Stripe would say after the payer paid or gave up.
    def pay(self, session_id: str, *, amount_cents: int | None = None) -> None:
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent="pi_test_1")
        if amount_cents is not None:
            session["amount_total"] = amount_cents
        self.charges["ch_test_1"] = {
            "id": "ch_test_1",
            "object": "charge",
            "payment_intent": "pi_test_1",
            "amount": session["amount_total"],
            "amount_refunded": 0,
            "refunded": False,
        }

    def refund(self, charge_id: str = "ch_test_1", *, amount_cents: int | None = None) -> None:
        """Someone refunded the charge in Stripe's dashboard (all of it by default)."""
        charge = self.charges[charge_id]
        amount = charge["amount"] if amount_cents is None else amount_cents
        charge.update(amount_refunded=amount, refunded=amount >= charge["amount"])

    def _charge_of_intent(self, intent_id: str) -> dict | None:
        return next((c for c in self.charges.values() if c["payment_intent"] == intent_id), None)

    def expire(self, session_id: str) -> None:
        self.sessions[session_id].update(status="expired")

    def calls(self, method: str, path: str) -> list:
        return [r for r in self.requests if r[0] == method and urlparse(r[1]).path == path]
