"""python manage.py seed_scale --profile small|medium|full|million

The data set of the benchmark (issue 7), on PostgreSQL: full = 10,000 organisations with
100,000 stocktaking entries, 20 forums of 250 sessions with published outcome documents, a prize
contest in its voting phase with 1,000 nominees, expert reviews and 2,000,000 votes by 200,000
verified voters, and the four roadmaps of the secretariat's seed file. small is a hundredth of it
(for CI), medium a tenth and million ten times as much (the cost curve's points,
bench/curve.py). Bulk loaded with COPY, deterministic and idempotent: each part adds only what is
missing (see `wsis/scale.py`). Prints how long each part takes.
"""

import time
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wsis.scale import PROFILES, seed_scale_core

# Apps whose `<app>.scale.seed_scale_content(plan, stdout)` adds scale data, in dependency order.
SCALE_CONTENT_APPS = ("stocktaking", "stocktaking.prizes", "events", "roadmaps")


class Command(BaseCommand):
    help = "Seeds the benchmark's scale data set on PostgreSQL (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--profile", choices=list(PROFILES), default="small")

    def handle(self, *args, **options) -> None:
        if not settings.IS_POSTGRESQL:
            raise CommandError("seed_scale needs PostgreSQL (DATABASE_URL=postgres://…).")
        plan = PROFILES[options["profile"]]
        started = time.monotonic()
        self.stdout.write(f"Seeding the {plan.name} scale profile:")
        seed_scale_core(plan, self.stdout)
        for app in SCALE_CONTENT_APPS:
            import_module(f"{app}.scale").seed_scale_content(plan, self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ({plan.name}) ready in {time.monotonic() - started:.1f} s."
            )
        )
