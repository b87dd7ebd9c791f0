"""A stand-in for Twilio's servers at the SDK's HTTP-client boundary: the real `twilio`
library builds every request and parses every answer; this answers from memory. Nothing
leaves the machine."""

import itertools
import json
from urllib.parse import urlparse

from twilio.http import HttpClient
from twilio.http.response import Response


class FakeTwilioHttpClient(HttpClient):
    def __init__(self):
        super().__init__(logger=None, is_async=False)
        self.requests: list[dict] = []
        # Set to (http status, Twilio error code) to make the next creates fail.
        self.fail_with: tuple[int, int] | None = None
        self._ids = itertools.count(1)

    @property
    def sent(self) -> list[dict]:
        """The messages Twilio took (the form fields of each create that succeeded)."""
        return [
            r["data"] for r in self.requests if r["path"].endswith("/Messages.json") and r["ok"]
        ]

    def request(
        self,
        method,
        uri,
        params=None,
        data=None,
        headers=None,
        auth=None,
        timeout=None,
        allow_redirects=False,
    ):
        path = urlparse(uri).path
        self.requests.append(
            {
                "method": method,
                "path": path,
                "data": dict(data or {}),
                "auth": auth,
                "ok": not self.fail_with,
            }
        )
        if self.fail_with:
            status, code = self.fail_with
            body = {"code": code, "message": "fake failure", "status": status}
            return Response(status, json.dumps(body))
        if method == "POST" and path.endswith("/Messages.json"):
            sid = f"SM{next(self._ids):032d}"
            body = {
                "sid": sid,
                "status": "queued",
                "to": data.get("To"),
                "from": data.get("From"),
                "body": data.get("Body"),
                "messaging_service_sid": data.get("MessagingServiceSid"),
            }
            return Response(201, json.dumps(body))
        return Response(404, json.dumps({"code": 20404, "message": "not found", "status": 404}))
