"""The benchmark's scenarios: each is one kind of request driven by wrk at a fixed concurrency.

`floor` must stay first: every other scenario's throughput is reported as a ratio to it.
`user` names a demo user (seed_demo) whose session the requests carry.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    path: str
    cacheable: bool = False
    user: str | None = None
    method: str = "GET"
    body: str = ""


SCENARIOS: tuple[Scenario, ...] = (
    Scenario("floor", "/bench/floor"),
    Scenario("home page", "/", cacheable=True),
    Scenario("API reference list (countries)", "/api/v1/reference/countries/", cacheable=True),
    Scenario("readiness probe", "/readyz"),
    Scenario("account page (signed in)", "/accounts/profile/", user="stakeholder@demo.wsis.test"),
)
