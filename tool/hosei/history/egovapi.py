"""A client for e-Gov 法令API Version 2 (https://laws.e-gov.go.jp/api/2), written against its published
specification: ``/laws`` resolves a title or law number to a law id, ``/law_revisions/{law_id}`` lists the history,
``/law_data/{law_revision_id}`` gives each text (asked for as XML, the form the rest of hosei reads without
conversion; the JSON form is read too, see :mod:`hosei.core.egovdata`).

HTTP is httpx (timeouts per phase, a connection pool, no redirects off the API). Every response is cached under
the workspace's ``.git/hosei/egov-cache/`` by request, so a second run asks the API nothing (``refresh`` asks the
lists again; a revision's text never changes under its id). 429 and 5xx are retried with exponential backoff
(``Retry-After`` honoured, capped); an unreachable host is one error within seconds. The User-Agent names hosei
and its version. The base URL comes from ``HOSEI_EGOV_API`` (tests point it at a local server replaying recorded
responses).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from .. import __version__
from ..core.errors import HoseiError
from ..core.xmlio import write_atomic

OFFICIAL_API = "https://laws.e-gov.go.jp/api/2"
USER_AGENT = f"hosei/{__version__} (Japanese legislative drafting toolkit; e-Gov Law API v2 client)"
RETRIES = 4
MAX_WAIT = 30.0


def base_url() -> str:
    return os.environ.get("HOSEI_EGOV_API", OFFICIAL_API).rstrip("/")


@dataclass(frozen=True)
class ApiRevision:
    """One entry of ``/law_revisions``: what a revision is, before its text is asked for."""

    revision_id: str
    enforced: dt.date | None
    status: str  # CurrentEnforced, PreviousEnforced, UnEnforced, Repeal
    amendment_law_num: str
    law_title: str


class EgovClient:
    """Requests with cache, retries and clear errors (see the module docstring)."""

    def __init__(
        self,
        cache_dir: Path | None,
        refresh: bool = False,
        sleep: Callable[[float], None] = time.sleep,
        timeout: float = 30.0,
    ) -> None:
        self.base = base_url()
        self.cache_dir = cache_dir
        self.refresh = refresh
        self.sleep = sleep
        self.requests = 0  # how many requests went out (a cached run makes none)
        self._http = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=5.0),
            headers={"User-Agent": USER_AGENT, "Accept": "application/json, application/xml"},
            follow_redirects=False,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EgovClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport ----------------------------------------------------------------------------------------------
    def _cache_path(self, path: str, params: dict[str, str]) -> Path | None:
        if self.cache_dir is None:
            return None
        key = json.dumps([self.base, path, sorted(params.items())], ensure_ascii=False)
        return self.cache_dir / hashlib.sha256(key.encode()).hexdigest()

    def get(self, path: str, params: dict[str, str] | None = None, cacheable_list: bool = False) -> bytes:
        """The body of GET *path*: from the cache when it has it (lists only unless ``refresh``), else from the API
        with retries on 429 and 5xx."""
        params = params or {}
        cached = self._cache_path(path, params)
        if cached is not None and cached.exists() and not (self.refresh and cacheable_list):
            return cached.read_bytes()
        url = self.base + path
        for attempt in range(RETRIES + 1):
            try:
                self.requests += 1
                response = self._http.get(url, params=params)
            except httpx.TimeoutException:
                raise HoseiError(f"the e-Gov API did not answer in time: {url}") from None
            except httpx.HTTPError as exc:
                raise HoseiError(
                    f"cannot reach the e-Gov API at {self.base} ({type(exc).__name__}: {exc})"
                ) from None
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == RETRIES:
                    raise HoseiError(
                        f"the e-Gov API answered {response.status_code} {response.reason_phrase} {RETRIES + 1} "
                        f"times: {url}"
                    )
                self.sleep(_wait(response, attempt))
                continue
            if response.status_code == 404:
                raise HoseiError(f"the e-Gov API has no {path} ({_message(response)})")
            if response.status_code != 200:
                raise HoseiError(
                    f"the e-Gov API answered {response.status_code} {response.reason_phrase} for {url}: "
                    f"{_message(response)}"
                )
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(cached, response.content)
            return response.content
        raise AssertionError("unreachable")

    def get_json(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        body = self.get(path, params, cacheable_list=True)
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise HoseiError(f"the e-Gov API's answer to {path} is not JSON") from None
        if not isinstance(data, dict):
            raise HoseiError(f"the e-Gov API's answer to {path} is not a JSON object")
        return data

    # --- the three endpoints --------------------------------------------------------------------------------------
    def resolve(self, name: str) -> tuple[str, str]:
        """(law id, title) of the law a title (意匠法) or law number (昭和三十四年法律第百二十五号) names."""
        by_number = name.endswith("号") and "第" in name
        data = self.get_json("/laws", {"law_num" if by_number else "law_title": name, "limit": "50"})
        found: dict[str, str] = {}
        for entry in data.get("laws") or []:
            info = entry.get("law_info") or {}
            rev = entry.get("current_revision_info") or entry.get("revision_info") or {}
            title = str(rev.get("law_title") or "")
            if (by_number and info.get("law_num") == name) or (not by_number and title == name):
                found[str(info.get("law_id"))] = title
        if not found:
            raise HoseiError(f"the e-Gov API knows no law {'numbered' if by_number else 'titled'} 「{name}」")
        if len(found) > 1:
            listed = "、".join(f"{t} ({i})" for i, t in sorted(found.items()))
            raise HoseiError(f"「{name}」 names several laws: {listed}; give the law id")
        ((law_id, title),) = found.items()
        return law_id, title

    def revisions(self, law_id: str) -> list[ApiRevision]:
        """The law's revisions, oldest first."""
        data = self.get_json(f"/law_revisions/{quote(law_id)}")
        out = []
        for rev in data.get("revisions") or []:
            date = rev.get("amendment_enforcement_date")
            try:
                enforced = dt.date.fromisoformat(date) if date else None
            except ValueError:
                enforced = None
            out.append(
                ApiRevision(
                    str(rev.get("law_revision_id") or ""),
                    enforced,
                    str(rev.get("current_revision_status") or ""),
                    str(rev.get("amendment_law_num") or ""),
                    str(rev.get("law_title") or ""),
                )
            )
        if not out:
            raise HoseiError(f"the e-Gov API lists no revisions of {law_id}")
        return sorted(out, key=lambda r: (r.enforced or dt.date.min, r.revision_id))

    def law_data(self, revision_id: str) -> bytes:
        """A revision's law_data response, as XML."""
        return self.get(
            f"/law_data/{quote(revision_id)}",
            {"response_format": "xml", "law_full_text_format": "xml"},
        )


def _wait(response: httpx.Response, attempt: int) -> float:
    """Retry-After when the API gives it (seconds), else 0.5 s doubled per attempt; never more than MAX_WAIT."""
    after = response.headers.get("Retry-After")
    if after is not None:
        try:
            return float(min(max(float(after), 0.0), MAX_WAIT))
        except ValueError:
            pass
    return float(min(0.5 * 2**attempt, MAX_WAIT))


def _message(response: httpx.Response) -> str:
    """The API's error_info message when there is one, else the start of the body."""
    try:
        data = response.json()
        info = data.get("error_info") if isinstance(data, dict) else None
        if isinstance(info, dict) and info.get("message"):
            return str(info["message"])
        if isinstance(data, dict) and data.get("message"):
            return str(data["message"])
    except (json.JSONDecodeError, ValueError):
        pass
    return response.text[:80]
