"""Seeded synthetic registers for the benchmark: realistic, partitionable, reproducible.

Usage::

    python bench/generate.py --supporters 100000 --seed 1 --as-of 2027-03-31 -o r.json
    python bench/generate.py --supporters 1000 --seed 1 -o r.yaml   # YAML by suffix

or, from Python, ``generate(supporters, seed, as_of)`` returns the document as a dict.

Every fact belongs to the neighbourhood of one supporter (its ids start with the
supporter's id, ``S42-...``) except the shared parties: municipalities and prefectures
(funders), reviewers and evaluators. Each neighbourhood is drawn from its own
``random.Random`` seeded by ``(seed, index)``, so a supporter's facts depend only on the
seed, its index, ``as_of`` and the sizes of the shared pools. Most supporters are clean;
for each rule of the ``banso-shien`` pack (and the three ``companies-act-jp`` rules)
``FIRE_RATES`` gives the share of supporters in which a fact pattern that makes it fire
is planted, in one of the ``VARIANTS`` below it. ``NEAR_MISSES`` plant clean patterns
one day (or one yen) on the safe side of a boundary. Pure standard library, so it runs
with nothing installed. The output is one fact per line, so ``file:line`` names a fact.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path


class Weights:
    """A table of keys drawn with probability proportional to their weights."""

    __slots__ = ("_cumulative", "_keys", "_total")

    def __init__(self, table: Mapping[str, float]) -> None:
        self._keys = tuple(table)
        self._cumulative = tuple(itertools.accumulate(table.values()))
        self._total = self._cumulative[-1]

    def draw(self, rng: random.Random) -> str:
        """Draw one key."""
        index = bisect.bisect_right(self._cumulative, rng.random() * self._total)
        return self._keys[min(index, len(self._keys) - 1)]


# --- The probability table --------------------------------------------------------
# Share of supporters in which each rule is planted (independently; ~70% stay clean).
FIRE_RATES: Mapping[str, float] = {
    "disclosure.missing": 0.050,
    "disclosure.late": 0.040,
    "review.missing": 0.030,
    "review.retroactive": 0.030,
    "review.rejected-interest-held": 0.012,
    "reviewer.not-independent": 0.020,
    "review.condition-overdue": 0.020,
    "investment.control": 0.015,
    "collaboration.public-funds": 0.006,
    "collaboration.during-engagement": 0.025,
    "engagement.prior-trade": 0.015,
    "pfs.evaluator-missing": 0.006,
    "pfs.evaluator-not-independent": 0.004,
    "waiver.invalid": 0.006,
    "ca.conflict-transaction-unapproved": 0.006,
    "ca.conflict-transaction-not-reported": 0.006,
    "ca.interested-director-voted": 0.004,
}
# How each planted rule is made to fire (weights within a rule).
VARIANTS: Mapping[str, Weights] = {
    "disclosure.missing": Weights({"absent": 6, "wrong_recipient": 2, "filed_after_as_of": 2}),
    "disclosure.late": Weights({"late": 8, "day_31": 2}),
    "review.missing": Weights({"absent": 6, "pending": 3, "decided_after_as_of": 1}),
    "review.retroactive": Weights({"after_start": 6, "pre_existing": 4}),
    "review.rejected-interest-held": Weights({"held": 8, "ended_on_day_90": 2}),
    "reviewer.not-independent": Weights(
        {
            "self": 1,
            "related_supporter": 3,
            "related_client": 2,
            "cooling_off": 2,
            "holds_interest": 2,
        }
    ),
    "review.condition-overdue": Weights({"unmet": 6, "met_late": 3, "not_yet_due": 1}),
    "investment.control": Weights({"single": 5, "attributed": 5}),
    "collaboration.public-funds": Weights({"paid_from_public_funds": 1}),
    "collaboration.during-engagement": Weights({"no_waiver": 5, "valid": 3, "expired": 2}),
    "engagement.prior-trade": Weights({"within": 7, "day_365": 3}),
    "pfs.evaluator-missing": Weights({"absent": 1}),
    "pfs.evaluator-not-independent": Weights({"officer_of_evaluator": 1, "partner": 1}),
    "waiver.invalid": Weights(
        {
            "self_approved": 3,
            "approved_by_supporter": 2,
            "approved_by_related": 2,
            "empty_reason": 2,
            "too_long": 2,
            "non_waivable": 1,
        }
    ),
    "ca.conflict-transaction-unapproved": Weights({"absent": 5, "after_start": 3, "wrong_body": 2}),
    "ca.conflict-transaction-not-reported": Weights({"absent": 6, "late": 3, "day_31": 1}),
    "ca.interested-director-voted": Weights({"voted": 1}),
}
NEAR_MISS_RATE = 0.06  # share of supporters with one clean pattern at a boundary
NEAR_MISSES = Weights(
    {
        "disclosed_on_deadline": 2,
        "below_review_threshold": 2,
        "prior_trade_outside_lookback": 1,
        "ex_spouse_after_divorce": 1,
        "equity_at_limit": 1,
        "rejected_divested_in_time": 1,
        "condition_met_on_due": 1,
        "cooling_off_passed": 1,
    }
)
P_FIRM = 0.30  # the supporter controls a firm (attribution through `controls`)
P_SPOUSE = 0.25  # the supporter has a spouse in the register (attribution through `spouse`)
P_SECOND_ENGAGEMENT = 0.35
P_FUTURE_ENGAGEMENT = 0.02  # an engagement starting after as_of (must be ignored)
P_BATCH = 0.40  # clean interests of one engagement share one disclosure and one review
P_ENDED = 0.15  # a clean interest has ended
P_CONDITIONS = 0.12  # a clean approval carries conditions (met on time)
P_AMOUNT = 0.7  # an investment states the amount invested
SCHEMES = Weights({"commission": 40, "subsidy": 20, "pfs": 7, "joint_venture": 8, "private": 25})
INTERESTS_PER_ENGAGEMENT = Weights({"0": 25, "1": 40, "2": 25, "3": 10})
CLEAN_KINDS_PUBLIC = Weights({"investment": 45, "board_seat": 35, "remuneration": 20})
CLEAN_KINDS_PRIVATE = Weights(
    {
        "investment": 25,
        "board_seat": 20,
        "collaboration": 40,
        "remuneration": 15,
    }
)
CLIENT_FORMS = Weights(
    {
        "kabushiki_kaisha": 45,
        "godo_kaisha": 15,
        "cooperative": 15,
        "tokurei_yugen_kaisha": 10,
        "npo": 5,
        "general_association": 5,
        "sole_proprietorship": 5,
    }
)
P_HAS_BOARD = 0.6  # of kabushiki_kaisha clients
REVIEW_THRESHOLD = 1_000_000  # the pack defaults the planted patterns are drawn around
DISCLOSURE_DAYS = 30
LOOKBACK_DAYS = 365
COOLING_OFF_DAYS = 365
DIVEST_DAYS = 90
MAX_EQUITY_PCT = 33.3

LISTS = (
    "parties",
    "relations",
    "engagements",
    "interests",
    "disclosures",
    "reviews",
    "resolutions",
    "waivers",
)
PUBLIC_SCHEMES = ("commission", "subsidy", "pfs")


def words(text: str) -> tuple[str, ...]:
    """Split a space-separated list of names."""
    return tuple(text.split())


SURNAMES = words(
    "佐藤 鈴木 高橋 田中 伊藤 "
    "渡辺 山本 中村 小林 加藤 "
    "吉田 山田 佐々木 山口 松本 "
    "井上 木村 斎藤 清水 阿部 "
    "菊地 千葉 熊谷 及川 小野寺"
)
GIVEN_NAMES = words(
    "一郎 健太 大輔 翔 拓也 直樹 誠 浩二 正人 和也 花子 陽子 美咲 由美 恵 さくら 裕子 彩 舞 亮"
)
PLACES = words(
    "気仙沼 石巻 南三陸 女川 "
    "陸前高田 大船渡 釜石 宮古 "
    "久慈 八戸 相馬 いわき 名取 "
    "東松島 塩竈 登米 栗原 遠野 "
    "一関 奥州 花巻 北上 岩泉 "
    "大槌 田野畑 唐桑 本吉 雄勝 "
    "牡鹿 山元"
)
PREFECTURES = words(
    "宮城県 岩手県 福島県 青森県 "
    "秋田県 山形県 新潟県 北海道 "
    "茨城県 千葉県 静岡県 三重県 "
    "和歌山県 高知県 愛媛県 大分県 "
    "宮崎県 鹿児島県 長崎県 熊本県"
)
INDUSTRIES = words("水産 水産加工 養殖 食品 農産 酪農 果樹 酒造 製麺 観光 物産 冷凍 海運 林業 醸造")
FIRM_SUFFIXES = {
    "プランニング合同会社": "godo_kaisha",
    "地域デザイン合同会社": "godo_kaisha",
    "総合研究所合同会社": "godo_kaisha",
    "コンサルティング株式会社": "kabushiki_kaisha",
}
CONDITIONS = words(
    "議決権行使の回避 取引条件の第三者評価 四半期ごとの報告 持分上限の遵守 議事録への利益相反の記載"
)
REASONS = words(
    "地域唯一の加工業者 "
    "域内に代替となる取引先がない "
    "災害復旧のための緊急調達 "
    "市場価格以下での提供 "
    "期間限定の試験販売"
)
SEAT_ROLES = Weights(
    {
        "director": 45,
        "auditor": 15,
        "advisor": 20,
        "executive_officer": 12,
        "representative_director": 8,
    }
)
COLLABORATION_KINDS = Weights(
    {
        "service": 45,
        "sale": 15,
        "purchase": 15,
        "lease": 10,
        "license": 5,
        "loan": 5,
        "joint_venture": 5,
    }
)

Fact = dict[str, object]
Emitted = tuple[str, Fact]  # (list name, fact)
ONE_DAY = timedelta(days=1)


# --- Small helpers ------------------------------------------------------------------
def day_between(rng: random.Random, lo: date, hi: date) -> date:
    """Draw a day in ``lo..hi`` inclusive (``lo`` when the range is empty)."""
    span = (hi - lo).days
    return lo + timedelta(days=int(rng.random() * (span + 1))) if span > 0 else lo


def add_years(day: date, years: int) -> date:
    """Return the same calendar day ``years`` later (28 Feb for 29 Feb)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def money(rng: random.Random, small_share: float) -> int:
    """Draw an amount in yen: below the review threshold with ``small_share``."""
    if rng.random() < small_share:
        return rng.randrange(100, REVIEW_THRESHOLD // 1000) * 1000
    return rng.randrange(REVIEW_THRESHOLD // 1000, 30_000) * 1000


def person_name(rng: random.Random) -> str:
    """Draw a Japanese personal name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN_NAMES)}"


# --- Shared parties -----------------------------------------------------------------
@dataclass(frozen=True)
class Pools:
    """Ids of the parties shared by many neighbourhoods."""

    funders: tuple[str, ...]
    reviewers: tuple[str, ...]
    evaluators: tuple[str, ...]


def pool_sizes(supporters: int) -> tuple[int, int, int, int]:
    """Return the numbers of municipalities, prefectures, reviewers and evaluators."""
    municipalities = min(400, max(3, supporters // 500))
    prefectures = min(len(PREFECTURES), max(1, supporters // 5000))
    reviewers = min(2000, max(5, supporters // 100))
    evaluators = min(100, max(2, supporters // 2000))
    return municipalities, prefectures, reviewers, evaluators


def shared_parties(supporters: int, rng: random.Random) -> tuple[Pools, list[Fact]]:
    """Draw the funders, reviewers and evaluators every neighbourhood may point at."""
    n_mun, n_pref, n_rev, n_eval = pool_sizes(supporters)
    facts: list[Fact] = []
    for i in range(n_mun):
        suffix = "市町村"[i % 3]
        name = f"{PLACES[i % len(PLACES)]}{suffix}" + (f"第{i // 30}" if i >= 30 else "")
        facts.append(org(f"M{i + 1:04d}", name, "municipality", roles=["funder"]))
    for i in range(n_pref):
        facts.append(org(f"PF{i + 1:02d}", PREFECTURES[i], "prefecture", roles=["funder"]))
    for i in range(n_rev):
        name = person_name(rng)
        facts.append(
            {"id": f"RV{i + 1:04d}", "type": "person", "name": name, "roles": ["reviewer"]}
        )
    for i in range(n_eval):
        name = f"一般財団法人{PLACES[i % len(PLACES)]}地域評価機構"
        facts.append(org(f"EV{i + 1:03d}", name, "general_foundation", roles=["evaluator"]))
    funders = tuple(str(f["id"]) for f in facts[: n_mun + n_pref])
    reviewers = tuple(str(f["id"]) for f in facts[n_mun + n_pref : n_mun + n_pref + n_rev])
    evaluators = tuple(str(f["id"]) for f in facts[n_mun + n_pref + n_rev :])
    return Pools(funders, reviewers, evaluators), facts


def org(party_id: str, name: str, form: str, **extra: object) -> Fact:
    """Build an organisation party."""
    return {"id": party_id, "type": "organization", "name": name, "legal_form": form, **extra}


# --- One neighbourhood --------------------------------------------------------------
@dataclass
class Engagement:
    """What a neighbourhood needs to know about one of its engagements."""

    id: str
    client: str
    kk: bool  # client is a kabushiki_kaisha
    has_board: bool
    funder: str | None
    scheme: str
    start: date
    end: date | None
    evaluator: str | None = None
    equity: float = 0.0  # equity_pct the supporter's side already holds in the client

    @property
    def public(self) -> bool:
        """Whether the engagement is paid from public funds."""
        return self.scheme in PUBLIC_SCHEMES

    @property
    def recipient(self) -> str:
        """The party disclosures must be filed to: the funder, else the client."""
        return self.funder or self.client


@dataclass
class Interest:
    """An interest drawn in a neighbourhood (dates kept as dates)."""

    id: str
    type: str
    holder: str
    entity: str
    start: date
    end: date | None
    needs_review: bool
    role: str = ""
    ca_planted: bool = False


@dataclass
class Spec:
    """A planned engagement before it is drawn."""

    scheme: str
    evaluator: bool = True
    kk: bool = False
    has_board: bool | None = None
    forced: bool = False  # a planted rule depends on this plan: do not convert it


@dataclass
class Hood:
    """One supporter's neighbourhood under construction."""

    rng: random.Random
    as_of: date
    pools: Pools
    sid: str
    facts: list[Emitted] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=dict)
    firm: str | None = None
    spouse: str | None = None
    engagements: list[Engagement] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)
    reviews: list[tuple[str, date, Engagement]] = field(default_factory=list)
    tainted: set[str] = field(default_factory=set)  # reviewers related to this supporter
    ca_seats: dict[str, Interest] = field(default_factory=dict)

    def new_id(self, tag: str) -> str:
        """Return the next id with ``tag`` in this neighbourhood."""
        n = self.counters.get(tag, 0) + 1
        self.counters[tag] = n
        return f"{self.sid}-{tag}{n}"

    def emit(self, kind: str, fact: Fact) -> Fact:
        """Add ``fact`` to the list ``kind``."""
        self.facts.append((kind, fact))
        return fact

    def relation(self, src: str, dst: str, kind: str, start: date, end: date | None = None) -> None:
        """Add a relation ``src -kind-> dst``."""
        fact: Fact = {"from": src, "to": dst, "type": kind, "start": start.isoformat()}
        if end is not None:
            fact["end"] = end.isoformat()
        self.emit("relations", fact)

    def long_ago(self, min_years: int, max_years: int) -> date:
        """A day between ``min_years`` and ``max_years`` before as_of."""
        return self.as_of - timedelta(days=self.rng.randint(min_years * 365, max_years * 365))

    def reviewer(self) -> str:
        """Draw a shared reviewer with no relation to this supporter."""
        while True:
            candidate = self.rng.choice(self.pools.reviewers)
            if candidate not in self.tainted:
                return candidate

    def fresh_reviewer(self) -> str:
        """Draw a reviewer and mark it as related to this supporter."""
        candidate = self.reviewer()
        self.tainted.add(candidate)
        return candidate

    def window(self, eng: Engagement, margin: int = 0) -> tuple[date, date]:
        """Days an interest in ``eng`` may start on, ending ``margin`` days before as_of."""
        hi = min(eng.end or self.as_of, self.as_of - timedelta(days=margin))
        return eng.start, max(hi, eng.start)

    def start_in(self, eng: Engagement, margin: int = 0) -> date:
        """Draw a start day inside ``eng`` at least ``margin`` days before as_of."""
        return day_between(self.rng, *self.window(eng, margin))


def draw_people(h: Hood) -> None:
    """Add the supporter, and maybe a controlled firm and a spouse."""
    rng = h.rng
    surname = rng.choice(SURNAMES)
    name = f"{surname} {rng.choice(GIVEN_NAMES)}"
    h.emit("parties", {"id": h.sid, "type": "person", "name": name, "roles": ["supporter"]})
    if rng.random() < P_FIRM:
        h.firm = f"{h.sid}-F"
        suffix = rng.choice(tuple(FIRM_SUFFIXES))
        h.emit("parties", org(h.firm, surname + suffix, FIRM_SUFFIXES[suffix]))
        h.relation(h.sid, h.firm, "controls", h.long_ago(9, 25))
    if rng.random() < P_SPOUSE:
        h.spouse = f"{h.sid}-SP"
        spouse_name = f"{surname} {rng.choice(GIVEN_NAMES)}"
        h.emit("parties", {"id": h.spouse, "type": "person", "name": spouse_name})
        h.relation(h.sid, h.spouse, "spouse", h.long_ago(10, 35))


# --- Planning engagements -----------------------------------------------------------
NEEDS: Mapping[str, str] = {
    "collaboration.public-funds": "public",
    "collaboration.during-engagement": "public",
    "waiver.invalid": "public",
    "pfs.evaluator-missing": "pfs_without_evaluator",
    "pfs.evaluator-not-independent": "pfs_with_evaluator",
    "ca.conflict-transaction-unapproved": "private_kk",
    "ca.conflict-transaction-not-reported": "private_kk_board",
    "ca.interested-director-voted": "private_kk",
}
NEED_ORDER = ("pfs_without_evaluator", "pfs_with_evaluator", "private_kk_board", "private_kk")


def satisfy(rng: random.Random, specs: list[Spec], need: str) -> int:
    """Make one planned engagement meet ``need`` (reuse, convert or add); return it."""
    for i, spec in enumerate(specs):
        if meets(spec, need):
            if need.startswith("pfs") and spec.forced:
                continue
            shape(rng, spec, need)
            return i
    for i, spec in enumerate(specs):
        if not spec.forced:
            shape(rng, spec, need)
            return i
    specs.append(Spec(scheme="private"))
    shape(rng, specs[-1], need)
    return len(specs) - 1


def meets(spec: Spec, need: str) -> bool:
    """Whether ``spec`` already has the shape ``need`` asks for."""
    if need == "public":
        return spec.scheme in PUBLIC_SCHEMES
    if need.startswith("pfs"):
        return spec.scheme == "pfs"
    private = spec.scheme not in PUBLIC_SCHEMES and (spec.kk or not spec.forced)
    return private and (need == "private_kk" or spec.has_board is not False)


def shape(rng: random.Random, spec: Spec, need: str) -> None:
    """Give ``spec`` the shape ``need`` asks for and mark it as forced."""
    if need == "public" and spec.scheme not in PUBLIC_SCHEMES:
        spec.scheme = rng.choice(("commission", "subsidy"))
    elif need.startswith("pfs"):
        spec.scheme, spec.evaluator = "pfs", need == "pfs_with_evaluator"
    elif need.startswith("private_kk"):
        if spec.scheme in PUBLIC_SCHEMES:
            spec.scheme = rng.choice(("private", "joint_venture"))
        spec.kk = True
        if need == "private_kk_board":
            spec.has_board = True
    spec.forced = spec.forced or need != "public"


def plan(rng: random.Random, planted: Sequence[str]) -> tuple[list[Spec], dict[str, int]]:
    """Plan the engagements so every planted rule has one of the right shape."""
    count = 2 if rng.random() < P_SECOND_ENGAGEMENT else 1
    specs = [Spec(scheme=SCHEMES.draw(rng)) for _ in range(count)]
    needs = {rule: NEEDS.get(rule, "any") for rule in planted}
    where: dict[str, int] = {}
    for need in (*NEED_ORDER, "public"):
        for rule in planted:
            if needs[rule] == need:
                where[rule] = satisfy(rng, specs, need)
    for rule in planted:
        if needs[rule] == "any":
            where[rule] = rng.randrange(len(specs))
    return specs, where


def draw_engagement(h: Hood, spec: Spec, future: bool = False) -> Engagement:
    """Add a client and an engagement drawn from ``spec``."""
    rng, as_of = h.rng, h.as_of
    form = "kabushiki_kaisha" if spec.kk else CLIENT_FORMS.draw(rng)
    kk = form == "kabushiki_kaisha"
    has_board = spec.has_board if spec.has_board is not None else rng.random() < P_HAS_BOARD
    client = h.new_id("C")
    h.emit("parties", client_party(rng, client, form, kk and has_board))
    if future:
        start = as_of + timedelta(days=rng.randint(1, 120))
    elif rng.random() < 0.6:  # fiscal-year contracts from 1 April
        latest = as_of.year if date(as_of.year, 4, 1) <= as_of - timedelta(120) else as_of.year - 1
        start = date(rng.randint(latest - 3, latest), 4, 1)
    else:
        start = as_of - timedelta(days=rng.randint(120, 3 * 365))
    end: date | None = add_years(start, rng.choice((1, 2, 3, 3, 5))) - ONE_DAY
    if spec.scheme == "private" and rng.random() < 0.3:
        end = None  # open-ended private contracts
    funder = draw_funder(rng, h.pools, spec.scheme)
    eng = Engagement(h.new_id("E"), client, kk, kk and has_board, funder, spec.scheme, start, end)
    fact: Fact = {"id": eng.id, "supporter": h.sid, "client": client}
    if funder:
        fact["funder"] = funder
    fact["scheme"] = spec.scheme
    if eng.public:  # false is the default: left out, as most authors would
        fact["public_funds"] = True
    fact["start"] = start.isoformat()
    if end:
        fact["end"] = end.isoformat()
    if spec.scheme == "pfs" and spec.evaluator:
        eng.evaluator = fact["evaluator"] = rng.choice(h.pools.evaluators)
    h.emit("engagements", fact)
    return eng


def draw_funder(rng: random.Random, pools: Pools, scheme: str) -> str | None:
    """Draw the funder of an engagement (none for private ones)."""
    if scheme in PUBLIC_SCHEMES or (scheme == "joint_venture" and rng.random() < 0.5):
        return rng.choice(pools.funders)
    return None


def client_party(rng: random.Random, party_id: str, form: str, has_board: bool) -> Fact:
    """Build a supported entity with a plausible name for its legal form."""
    place, trade = rng.choice(PLACES), rng.choice(INDUSTRIES)
    names = {
        "kabushiki_kaisha": f"{place}{trade}株式会社",
        "godo_kaisha": f"{place}{trade}合同会社",
        "cooperative": f"{place}{rng.choice(('漁業', '農業'))}協同組合",
        "tokurei_yugen_kaisha": f"有限会社{place}{trade}",
        "npo": f"NPO法人{place}まちづくり",
        "general_association": f"一般社団法人{place}{trade}協議会",
        "sole_proprietorship": f"{rng.choice(SURNAMES)}{trade}店",
    }
    fact = org(party_id, names[form], form)
    if has_board:  # false is the default
        fact["has_board"] = True
    return fact


# --- Interests, disclosures, reviews --------------------------------------------------
HOLDERS: Mapping[str, Weights] = {
    "investment": Weights({"supporter": 60, "firm": 25, "spouse": 15}),
    "board_seat": Weights({"supporter": 85, "spouse": 15}),
    "collaboration": Weights({"supporter": 50, "firm": 50}),
    "remuneration": Weights({"supporter": 70, "firm": 30}),
}


def choose_holder(h: Hood, kind: str) -> str:
    """Draw who holds a new interest: the supporter, the firm or the spouse."""
    who = HOLDERS[kind].draw(h.rng)
    if who == "firm" and h.firm:
        return h.firm
    if who == "spouse" and h.spouse:
        return h.spouse
    return h.sid


def interest_fields(h: Hood, eng: Engagement, kind: str) -> Fact:
    """Draw the type-specific fields of a clean interest of ``kind``."""
    rng = h.rng
    if kind == "investment":
        room = max(0.5, min(20.0, MAX_EQUITY_PCT - 3.3 - eng.equity))
        stake: Fact = {"equity_pct": round(rng.uniform(0.5, room), 1)}
        if rng.random() < P_AMOUNT:
            stake["amount"] = money(rng, 0.3)
        return stake
    if kind == "board_seat":
        seat: Fact = {"role": SEAT_ROLES.draw(rng)}
        if rng.random() < 0.5:
            seat["compensated"] = True
        return seat
    if kind == "collaboration":
        kind_of = COLLABORATION_KINDS.draw(rng)
        return {"kind": kind_of, "value": money(rng, 0.6)}
    return {"amount": money(rng, 0.6)}


def add_interest(
    h: Hood,
    eng: Engagement,
    kind: str,
    start: date,
    *,
    holder: str | None = None,
    entity: str | None = None,
    end: date | None = None,
    fields: Fact | None = None,
) -> Interest:
    """Add an interest of ``kind`` (in ``eng``'s client unless ``entity`` is given).

    Type-specific fields not given in ``fields`` are drawn clean; equity placed by the supporter's
    side is counted against the client's equity budget so clean draws never add up
    to control.
    """
    holder = holder or choose_holder(h, kind)
    attributed = holder in (h.sid, h.firm, h.spouse)
    fields = interest_fields(h, eng, kind) | (fields or {})
    if kind == "investment" and attributed and entity is None:
        eng.equity += float(str(fields["equity_pct"]))
    value = fields.get("value", fields.get("amount", 0))
    big = isinstance(value, int) and value >= REVIEW_THRESHOLD
    needs_review = kind in ("investment", "board_seat") or big
    item = Interest(h.new_id("I"), kind, holder, entity or eng.client, start, end, needs_review)
    item.role = str(fields.get("role", ""))
    fact: Fact = {"id": item.id, "type": kind, "holder": holder, "entity": item.entity}
    fact["start"] = start.isoformat()
    if end is not None:
        fact["end"] = end.isoformat()
    h.emit("interests", fact | fields)
    h.interests.append(item)
    return item


def reviewable(h: Hood, eng: Engagement) -> tuple[str, Fact]:
    """Draw a kind of interest that needs third-party review, with forcing fields."""
    kind = (CLEAN_KINDS_PUBLIC if eng.public else CLEAN_KINDS_PRIVATE).draw(h.rng)
    if kind in ("investment", "board_seat"):
        return kind, {}
    key = "value" if kind == "collaboration" else "amount"
    return kind, {key: money(h.rng, 0.0)}


def any_kind(h: Hood, eng: Engagement) -> str:
    """Draw a kind of interest a clean supporter may hold in ``eng``'s client."""
    kind = (CLEAN_KINDS_PUBLIC if eng.public else CLEAN_KINDS_PRIVATE).draw(h.rng)
    if kind == "investment" and eng.equity > MAX_EQUITY_PCT - 5:
        return "board_seat"
    return kind


def disclose(
    h: Hood, eng: Engagement, items: Sequence[Interest], day: date, to: str | None = None
) -> None:
    """File one disclosure of ``items`` on ``day`` (to the right party by default)."""
    fact: Fact = {"id": h.new_id("D"), "interests": [i.id for i in items]}
    fact |= {"filed_by": h.sid, "filed_to": to or eng.recipient, "filed_on": day.isoformat()}
    h.emit("disclosures", fact)


def review(
    h: Hood,
    eng: Engagement,
    items: Sequence[Interest],
    day: date | None,
    *,
    reviewer: str | None = None,
    decision: str = "approved",
    conditions: Sequence[tuple[date, date | None]] = (),
) -> None:
    """Add a review of ``items`` decided on ``day`` (``None`` while pending).

    ``conditions`` are ``(due, met_on)`` pairs; they make the decision
    ``approved_with_conditions``.
    """
    review_id = h.new_id("R")
    reviewer = reviewer or h.reviewer()
    if conditions:
        decision = "approved_with_conditions"
    fact: Fact = {"id": review_id, "interests": [i.id for i in items], "reviewer": reviewer}
    fact["decision"] = decision
    if day is not None:
        fact["decided_on"] = day.isoformat()
        h.reviews.append((reviewer, day, eng))
    if conditions:
        fact["conditions"] = [
            condition(h, f"{review_id}-C{n}", due, met_on)
            for n, (due, met_on) in enumerate(conditions, 1)
        ]
    h.emit("reviews", fact)


def condition(h: Hood, condition_id: str, due: date, met_on: date | None) -> Fact:
    """Build one review condition."""
    met = met_on.isoformat() if met_on else None
    text = h.rng.choice(CONDITIONS)
    return {"id": condition_id, "text": text, "due": due.isoformat(), "met_on": met}


def prospective(h: Hood, items: Sequence[Interest]) -> tuple[date, date]:
    """Draw a disclosure day and a later review day, both before the first start."""
    earliest = min(i.start for i in items)
    filed = earliest - timedelta(days=h.rng.randint(5, 40))
    return filed, day_between(h.rng, filed + ONE_DAY, earliest)


def clean_review(h: Hood, eng: Engagement, items: Sequence[Interest], day: date) -> None:
    """Add an independent approval, sometimes with conditions met on time."""
    conditions: list[tuple[date, date | None]] = []
    if h.rng.random() < P_CONDITIONS:
        for _ in range(h.rng.randint(1, 2)):
            due = day + timedelta(days=h.rng.randint(30, 365))
            conditions.append((due, day_between(h.rng, day, min(due, h.as_of))))
    review(h, eng, items, day, conditions=conditions)


def cover(h: Hood, eng: Engagement, items: Sequence[Interest], *, reviewed: bool = True) -> None:
    """Disclose ``items`` on time and have those that need it reviewed beforehand."""
    filed, decided = prospective(h, items)
    disclose(h, eng, items, filed)
    if reviewed and any(i.needs_review for i in items):
        clean_review(h, eng, items, decided)


def clean_end(h: Hood, start: date) -> date | None:
    """Draw the end of a clean interest: mostly still held, sometimes ended."""
    if h.rng.random() >= P_ENDED:
        return None
    return day_between(h.rng, start, min(h.as_of, start + timedelta(days=720)))


def add_clean_interests(h: Hood, eng: Engagement) -> None:
    """Add the clean interests of one engagement, covered one by one or in a batch."""
    count = int(INTERESTS_PER_ENGAGEMENT.draw(h.rng))
    kinds = sorted((any_kind(h, eng) for _ in range(count)), key=lambda k: k != "board_seat")
    items = []
    for kind in kinds:
        start = h.start_in(eng)
        items.append(add_interest(h, eng, kind, start, end=clean_end(h, start)))
    if len(items) > 1 and h.rng.random() < P_BATCH:
        cover(h, eng, items)
    else:
        for item in items:
            cover(h, eng, [item])


# --- Planted patterns: one function per rule, each drawing a variant ----------------
def days(n: int) -> timedelta:
    """Return ``n`` days."""
    return timedelta(days=n)


def plant_disclosure_missing(h: Hood, eng: Engagement, variant: str) -> None:
    """An interest with no disclosure to the right party (or one dated after as_of)."""
    item = add_interest(h, eng, any_kind(h, eng), h.start_in(eng))
    filed, decided = prospective(h, [item])
    if item.needs_review:
        clean_review(h, eng, [item], decided)
    if variant == "wrong_recipient" and eng.funder:
        disclose(h, eng, [item], filed, to=eng.client)
    elif variant == "filed_after_as_of":
        disclose(h, eng, [item], h.as_of + days(h.rng.randint(1, 30)))


def plant_disclosure_late(h: Hood, eng: Engagement, variant: str) -> None:
    """An interest disclosed only after its deadline (day 31 in one variant)."""
    start = h.start_in(eng, margin=DISCLOSURE_DAYS + 2)
    item = add_interest(h, eng, any_kind(h, eng), start)
    deadline = max(start, eng.start) + days(DISCLOSURE_DAYS)
    late = 1 if variant == "day_31" else h.rng.randint(1, min(180, (h.as_of - deadline).days))
    disclose(h, eng, [item], deadline + days(late))
    if item.needs_review:
        clean_review(h, eng, [item], prospective(h, [item])[1])


def plant_review_missing(h: Hood, eng: Engagement, variant: str) -> None:
    """An interest needing review with none, a pending one, or one dated after as_of."""
    kind, extra = reviewable(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng), fields=extra)
    disclose(h, eng, [item], prospective(h, [item])[0])
    if variant == "pending":
        review(h, eng, [item], None, decision="pending")
    elif variant == "decided_after_as_of":
        review(h, eng, [item], h.as_of + days(h.rng.randint(1, 30)))


def plant_review_retroactive(h: Hood, eng: Engagement, variant: str) -> None:
    """An interest approved only after it started (or held before the engagement)."""
    if variant == "pre_existing":
        start = eng.start - days(h.rng.randint(30, 1000))
        item = add_interest(h, eng, "investment", start)
        filed = eng.start + days(h.rng.randint(-20, DISCLOSURE_DAYS))
        disclose(h, eng, [item], filed)
        clean_review(h, eng, [item], filed + days(h.rng.randint(0, 30)))
        return
    kind, extra = reviewable(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng, margin=2), fields=extra)
    disclose(h, eng, [item], prospective(h, [item])[0])
    after = h.rng.randint(1, min(120, (h.as_of - item.start).days))
    clean_review(h, eng, [item], item.start + days(after))


def plant_rejected_held(h: Hood, eng: Engagement, variant: str) -> None:
    """An interest still held 90 days after its review was rejected."""
    start = h.start_in(eng, margin=10)
    rejected = day_between(h.rng, start - days(20), min(h.as_of, start + days(60)))
    end = rejected + days(DIVEST_DAYS)
    held_to = end if variant == "ended_on_day_90" and end <= h.as_of else None
    item = add_interest(h, eng, "investment", start, end=held_to)
    disclose(h, eng, [item], prospective(h, [item])[0])
    review(h, eng, [item], rejected, decision="rejected")


def plant_not_independent(h: Hood, eng: Engagement, variant: str) -> None:
    """A review by the supporter, or by a reviewer tied to the supporter or the client."""
    kind, extra = reviewable(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng), fields=extra)
    filed, decided = prospective(h, [item])
    disclose(h, eng, [item], filed)
    reviewer = h.sid if variant == "self" else h.fresh_reviewer()
    tie_reviewer(h, eng, reviewer, decided, variant)
    review(h, eng, [item], decided, reviewer=reviewer)
    if h.rng.random() < 0.5:  # an independent approval too: only this rule fires
        clean_review(h, eng, [item], decided)


def tie_reviewer(h: Hood, eng: Engagement, reviewer: str, decided: date, variant: str) -> None:
    """Add the relation or holding that makes ``reviewer`` not independent."""
    rng = h.rng
    if variant == "related_supporter":
        kind = rng.choice(("partner", "sibling", "parent"))
        h.relation(reviewer, h.sid, kind, h.long_ago(5, 30))
    elif variant == "related_client":
        kind = rng.choice(("officer_of", "employed_by"))
        h.relation(reviewer, eng.client, kind, decided - days(rng.randint(30, 3000)))
    elif variant == "cooling_off":
        end = decided - days(COOLING_OFF_DAYS if rng.random() < 0.2 else rng.randint(0, 364))
        h.relation(reviewer, eng.client, "employed_by", end - days(rng.randint(200, 3000)), end)
    elif variant == "holds_interest":
        entity = h.firm if h.firm and rng.random() < 0.5 else None
        start = decided - days(rng.randint(30, 2000))
        stake: Fact = {"equity_pct": round(rng.uniform(0.5, 5.0), 1)}
        add_interest(h, eng, "investment", start, holder=reviewer, entity=entity, fields=stake)


def plant_condition_overdue(h: Hood, eng: Engagement, variant: str) -> None:
    """An approval whose condition is unmet or met late after its due day."""
    kind, extra = reviewable(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng, margin=40), fields=extra)
    filed, decided = prospective(h, [item])
    disclose(h, eng, [item], filed)
    rng, as_of = h.rng, h.as_of
    met: date | None = None
    if variant == "not_yet_due":
        due = as_of + days(rng.randint(0, 60))
    else:
        due = day_between(rng, decided + ONE_DAY, as_of - days(2))
        if variant == "met_late":
            met = day_between(rng, due + ONE_DAY, min(due + days(60), as_of))
    on_time = day_between(rng, decided, as_of)
    conditions = [(on_time, on_time)] if rng.random() < 0.3 else []
    review(h, eng, [item], decided, conditions=[*conditions, (due, met)])


def plant_investment_control(h: Hood, eng: Engagement, variant: str) -> None:
    """Investments in the client adding up to more than the control threshold."""
    rng = h.rng
    if variant == "single":
        pct = round(rng.uniform(MAX_EQUITY_PCT + 0.2, 60.0), 1)
        holder = h.firm or h.sid
        items = [
            add_interest(
                h, eng, "investment", h.start_in(eng), holder=holder, fields={"equity_pct": pct}
            )
        ]
    else:  # each stake looks small; attribution makes them control
        first = round(rng.uniform(15.0, 25.0), 1)
        second = round(rng.uniform(max(MAX_EQUITY_PCT + 1 - first, 9.0), 25.0), 1)
        other = h.firm or h.spouse or h.sid
        items = [
            add_interest(
                h, eng, "investment", h.start_in(eng), holder=h.sid, fields={"equity_pct": first}
            ),
            add_interest(
                h, eng, "investment", h.start_in(eng), holder=other, fields={"equity_pct": second}
            ),
        ]
    cover(h, eng, items)


def collaboration(h: Hood, eng: Engagement, public_money: bool) -> Interest:
    """Add a disclosed, reviewed collaboration inside ``eng``."""
    value = money(h.rng, 0.3)
    item = add_interest(
        h,
        eng,
        "collaboration",
        h.start_in(eng),
        fields={"value": value, "paid_from_public_funds": True}
        if public_money
        else {"value": value},
    )
    cover(h, eng, [item])
    return item


def plant_public_funds(h: Hood, eng: Engagement, variant: str) -> None:
    """A collaboration paid from the public funds of a public engagement."""
    collaboration(h, eng, public_money=True)


def plant_during_engagement(h: Hood, eng: Engagement, variant: str) -> None:
    """A collaboration during a public engagement: unwaived, waived, or waiver expired."""
    item = collaboration(h, eng, public_money=False)
    rng, as_of = h.rng, h.as_of
    if variant == "valid":
        approved = day_between(rng, as_of - days(300), as_of)
        expires = day_between(rng, as_of, approved + days(365))
    elif variant == "expired":
        approved = day_between(rng, as_of - days(700), as_of - days(30))
        expires = day_between(rng, approved, min(approved + days(365), as_of - ONE_DAY))
    else:
        return
    waiver(
        h,
        rule="collaboration.during-engagement",
        subject=item.id,
        requested_by=h.sid,
        approved_by=eng.funder or eng.client,
        approved=approved,
        expires=expires,
        reason=rng.choice(REASONS),
    )


def waiver(
    h: Hood,
    *,
    rule: str,
    subject: str,
    requested_by: str,
    approved_by: str,
    approved: date,
    expires: date,
    reason: str,
) -> None:
    """Add a waiver."""
    fact: Fact = {"id": h.new_id("W"), "rule": rule, "subject": subject}
    fact |= {"requested_by": requested_by, "approved_by": approved_by}
    fact |= {"approved_on": approved.isoformat(), "expires_on": expires.isoformat()}
    h.emit("waivers", fact | {"reason": reason})


def plant_waiver_invalid(h: Hood, eng: Engagement, variant: str) -> None:
    """A waiver approved by the wrong party, unreasoned, too long or not allowed."""
    rng, as_of = h.rng, h.as_of
    item = collaboration(h, eng, public_money=variant == "non_waivable")
    approved = day_between(rng, as_of - days(300), as_of)
    expires = day_between(rng, as_of, approved + days(365))
    rule = "collaboration.during-engagement"
    requested_by, approved_by = h.sid, eng.funder or eng.client
    reason = rng.choice(REASONS)
    if variant == "self_approved":
        approved_by = h.sid
    elif variant == "approved_by_supporter":
        requested_by, approved_by = eng.client, h.sid
    elif variant == "approved_by_related":
        approved_by = h.spouse or h.firm or h.sid
    elif variant == "empty_reason":
        reason = ""
    elif variant == "too_long":
        expires = approved + days(rng.randint(366, 1095))
    else:
        rule = "collaboration.public-funds"
    waiver(
        h,
        rule=rule,
        subject=item.id,
        requested_by=requested_by,
        approved_by=approved_by,
        approved=approved,
        expires=expires,
        reason=reason,
    )


def plant_prior_trade(h: Hood, eng: Engagement, variant: str) -> None:
    """A collaboration with the client that ended within a year before the engagement."""
    gap = LOOKBACK_DAYS if variant == "day_365" else h.rng.randint(1, LOOKBACK_DAYS - 1)
    end = eng.start - days(gap)
    start = end - days(h.rng.randint(30, 900))
    add_interest(h, eng, "collaboration", start, holder=choose_holder(h, "collaboration"), end=end)


def plant_evaluator_missing(h: Hood, eng: Engagement, variant: str) -> None:
    """Nothing to add: the pay-for-success engagement was drawn without an evaluator."""


def plant_evaluator_tied(h: Hood, eng: Engagement, variant: str) -> None:
    """The evaluator is tied to the supporter or to the client."""
    evaluator = eng.evaluator or h.pools.evaluators[0]
    if variant == "officer_of_evaluator":
        h.relation(h.sid, evaluator, "officer_of", h.long_ago(2, 10))
    else:
        h.relation(evaluator, eng.client, "partner", h.long_ago(2, 10))


# --- Companies Act patterns (a director trading with their own company) -------------
def director_seat(h: Hood, eng: Engagement) -> Interest:
    """The supporter's (disclosed, reviewed) director seat in ``eng``'s client."""
    seat = h.ca_seats.get(eng.id)
    if seat is None:
        role = h.rng.choice(("director", "representative_director"))
        start = h.start_in(eng, margin=60)
        seat = add_interest(h, eng, "board_seat", start, holder=h.sid, fields={"role": role})
        cover(h, eng, [seat])
        h.ca_seats[eng.id] = seat
    return seat


def director_trade(h: Hood, eng: Engagement) -> Interest:
    """A disclosed, reviewed collaboration while the supporter sits on the board."""
    seat = director_seat(h, eng)
    start = day_between(h.rng, seat.start, h.window(eng)[1])
    item = add_interest(h, eng, "collaboration", start)
    item.ca_planted = True
    cover(h, eng, [item])
    return item


def resolution(
    h: Hood,
    eng: Engagement,
    item: Interest,
    *,
    body: str,
    kind: str,
    day: date,
    voters: Sequence[str] = (),
) -> None:
    """Add a board or shareholders' resolution about ``item``."""
    fact: Fact = {"id": h.new_id("RES"), "entity": eng.client, "body": body, "kind": kind}
    fact |= {"interests": [item.id], "date": day.isoformat()}
    if voters:
        fact["voters"] = list(voters)
    h.emit("resolutions", fact)


def approve(h: Hood, eng: Engagement, item: Interest, voters: Sequence[str] = ()) -> None:
    """Approve ``item`` in advance by the right body."""
    body = "board" if eng.has_board else "shareholders"
    day = day_between(h.rng, item.start - days(30), item.start)
    resolution(h, eng, item, body=body, kind="approval", day=day, voters=voters)


def report(h: Hood, eng: Engagement, item: Interest) -> None:
    """Report ``item`` to the board without delay, when the client has a board."""
    if eng.has_board:
        day = day_between(h.rng, item.start, min(item.start + days(30), h.as_of))
        resolution(h, eng, item, body="board", kind="report", day=day)


def plant_ca_unapproved(h: Hood, eng: Engagement, variant: str) -> None:
    """No advance approval: none, one after the trade, or one by the wrong body."""
    item = director_trade(h, eng)
    if variant == "after_start":
        body = "board" if eng.has_board else "shareholders"
        late = item.start + days(h.rng.randint(1, 60))
        resolution(h, eng, item, body=body, kind="approval", day=late)
    elif variant == "wrong_body":
        body = "shareholders" if eng.has_board else "board"
        day = item.start - days(h.rng.randint(0, 30))
        resolution(h, eng, item, body=body, kind="approval", day=day)
    report(h, eng, item)


def plant_ca_not_reported(h: Hood, eng: Engagement, variant: str) -> None:
    """Approved, but never reported to the board, or reported after 30 days."""
    item = director_trade(h, eng)
    approve(h, eng, item)
    if variant != "absent":
        late = DISCLOSURE_DAYS + 1 if variant == "day_31" else h.rng.randint(31, 120)
        resolution(h, eng, item, body="board", kind="report", day=item.start + days(late))


def plant_ca_voted(h: Hood, eng: Engagement, variant: str) -> None:
    """The interested director voted on the approval."""
    item = director_trade(h, eng)
    approve(h, eng, item, voters=[h.sid])
    report(h, eng, item)


def binds(h: Hood, seat: Interest, item: Interest) -> bool:
    """Whether director ``seat`` makes collaboration ``item`` a conflict transaction."""
    active = seat.start <= item.start and (seat.end is None or item.start <= seat.end)
    own = item.holder == seat.holder or (seat.holder == h.sid and item.holder == h.firm)
    return seat.entity == item.entity and active and own


def finalise(h: Hood) -> None:
    """Approve and report every clean conflict transaction, as a careful company does."""
    clients = {eng.client: eng for eng in h.engagements if eng.kk}
    directors = [
        seat
        for seat in h.interests
        if seat.type == "board_seat" and seat.role in ("director", "representative_director")
    ]
    for item in h.interests:
        eng = clients.get(item.entity)
        if eng is None or item.type != "collaboration" or item.ca_planted:
            continue
        if any(binds(h, seat, item) for seat in directors):
            approve(h, eng, item)
            report(h, eng, item)


PLANTS: Mapping[str, Callable[[Hood, Engagement, str], None]] = {
    "disclosure.missing": plant_disclosure_missing,
    "disclosure.late": plant_disclosure_late,
    "review.missing": plant_review_missing,
    "review.retroactive": plant_review_retroactive,
    "review.rejected-interest-held": plant_rejected_held,
    "reviewer.not-independent": plant_not_independent,
    "review.condition-overdue": plant_condition_overdue,
    "investment.control": plant_investment_control,
    "collaboration.public-funds": plant_public_funds,
    "collaboration.during-engagement": plant_during_engagement,
    "engagement.prior-trade": plant_prior_trade,
    "pfs.evaluator-missing": plant_evaluator_missing,
    "pfs.evaluator-not-independent": plant_evaluator_tied,
    "waiver.invalid": plant_waiver_invalid,
    "ca.conflict-transaction-unapproved": plant_ca_unapproved,
    "ca.conflict-transaction-not-reported": plant_ca_not_reported,
    "ca.interested-director-voted": plant_ca_voted,
}


# --- Near misses: clean patterns on the safe side of a boundary ---------------------
def small_kind(h: Hood, eng: Engagement) -> str:
    """A kind of interest that can stay below the review threshold."""
    return "remuneration" if eng.public or h.rng.random() < 0.5 else "collaboration"


def small(kind: str, amount: int) -> Fact:
    """The money field of a collaboration or remuneration."""
    return {"value" if kind == "collaboration" else "amount": amount}


def near_on_deadline(h: Hood, eng: Engagement) -> bool:
    """Disclosed on day 30 exactly; no review needed."""
    kind = small_kind(h, eng)
    start = h.start_in(eng, margin=DISCLOSURE_DAYS + 1)
    item = add_interest(h, eng, kind, start, fields=small(kind, money(h.rng, 1.0)))
    disclose(h, eng, [item], max(start, eng.start) + days(DISCLOSURE_DAYS))
    return True


def near_below_threshold(h: Hood, eng: Engagement) -> bool:
    """One yen below the review threshold; disclosed, not reviewed."""
    kind = small_kind(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng), fields=small(kind, REVIEW_THRESHOLD - 1))
    cover(h, eng, [item])
    return True


def near_prior_trade(h: Hood, eng: Engagement) -> bool:
    """Trade with the client that ended more than a year before the engagement."""
    gap = LOOKBACK_DAYS + 1 if h.rng.random() < 0.3 else h.rng.randint(367, 800)
    end = eng.start - days(gap)
    add_interest(h, eng, "collaboration", end - days(h.rng.randint(30, 600)), end=end)
    return True


def near_ex_spouse(h: Hood, eng: Engagement) -> bool:
    """An undisclosed stake of a former spouse, bought after the divorce."""
    if h.spouse:
        return False
    ex = f"{h.sid}-X"
    h.emit("parties", {"id": ex, "type": "person", "name": person_name(h.rng)})
    lo, hi = h.window(eng)
    divorce = day_between(h.rng, lo - days(400), hi - ONE_DAY)
    h.relation(h.sid, ex, "spouse", divorce - days(h.rng.randint(365, 5000)), divorce)
    start = day_between(h.rng, max(divorce + ONE_DAY, lo), hi)
    pct = round(h.rng.uniform(5.0, 40.0), 1)
    add_interest(h, eng, "investment", start, holder=ex, fields={"equity_pct": pct})
    return True


def near_equity_at_limit(h: Hood, eng: Engagement) -> bool:
    """Exactly the control threshold, not above it."""
    if eng.equity > 0:
        return False
    start = h.start_in(eng)
    item = add_interest(
        h, eng, "investment", start, holder=h.sid, fields={"equity_pct": MAX_EQUITY_PCT}
    )
    cover(h, eng, [item])
    return True


def near_divested(h: Hood, eng: Engagement) -> bool:
    """A small interest rejected on review and given up within 89 days."""
    kind = small_kind(h, eng)
    start = h.start_in(eng, margin=120)
    rejected = start + days(h.rng.randint(0, 20))
    end = rejected + days(h.rng.randint(0, DIVEST_DAYS - 1))
    item = add_interest(h, eng, kind, start, end=end, fields=small(kind, money(h.rng, 1.0)))
    disclose(h, eng, [item], prospective(h, [item])[0])
    review(h, eng, [item], rejected, decision="rejected")
    return True


def near_met_on_due(h: Hood, eng: Engagement) -> bool:
    """An approval condition met on its due day."""
    kind, extra = reviewable(h, eng)
    item = add_interest(h, eng, kind, h.start_in(eng), fields=extra)
    filed, decided = prospective(h, [item])
    disclose(h, eng, [item], filed)
    due = day_between(h.rng, decided, h.as_of)
    review(h, eng, [item], decided, conditions=[(due, due)])
    return True


def near_cooling_off_passed(h: Hood, eng: Engagement) -> bool:
    """A reviewer who left the client more than the cooling-off period before deciding."""
    candidates = [r for r in h.reviews if r[0] != h.sid and r[0] not in h.tainted]
    if not candidates:
        return False
    reviewer, _, eng = h.rng.choice(candidates)
    first = min(day for who, day, where in h.reviews if who == reviewer and where is eng)
    gap = COOLING_OFF_DAYS + 1 if h.rng.random() < 0.3 else h.rng.randint(367, 900)
    end = first - days(gap)
    h.relation(reviewer, eng.client, "employed_by", end - days(h.rng.randint(365, 3000)), end)
    return True


NEAR: Mapping[str, Callable[[Hood, Engagement], bool]] = {
    "disclosed_on_deadline": near_on_deadline,
    "below_review_threshold": near_below_threshold,
    "prior_trade_outside_lookback": near_prior_trade,
    "ex_spouse_after_divorce": near_ex_spouse,
    "equity_at_limit": near_equity_at_limit,
    "rejected_divested_in_time": near_divested,
    "condition_met_on_due": near_met_on_due,
    "cooling_off_passed": near_cooling_off_passed,  # drawn after the clean interests
}


# --- Assembling neighbourhoods and the document --------------------------------------
def neighbourhood(index: int, seed: int, as_of: date, pools: Pools) -> list[Emitted]:
    """Draw every fact of supporter ``index`` (1-based) from its own random stream."""
    rng = random.Random((seed << 32) + index)
    h = Hood(rng, as_of, pools, f"S{index}")
    draw_people(h)
    planted = [rule for rule, rate in FIRE_RATES.items() if rng.random() < rate]
    specs, where = plan(rng, planted)
    h.engagements = [draw_engagement(h, spec) for spec in specs]
    for rule in planted:
        PLANTS[rule](h, h.engagements[where[rule]], VARIANTS[rule].draw(rng))
    near = NEAR_MISSES.draw(rng) if rng.random() < NEAR_MISS_RATE else None
    late = near == "cooling_off_passed"
    if near and not late:
        eng = rng.choice(h.engagements)
        if not NEAR[near](h, eng):
            near_below_threshold(h, eng)
    for eng in tuple(h.engagements):
        add_clean_interests(h, eng)
    if late:
        NEAR["cooling_off_passed"](h, h.engagements[0])
    if rng.random() < P_FUTURE_ENGAGEMENT:
        future_engagement(h)
    finalise(h)
    return h.facts


def future_engagement(h: Hood) -> None:
    """An engagement and a stake dated after as_of: they do not exist yet."""
    eng = draw_engagement(h, Spec(scheme=SCHEMES.draw(h.rng)), future=True)
    h.engagements.append(eng)
    start = eng.start + days(h.rng.randint(0, 60))
    add_interest(h, eng, "investment", start, holder=h.sid)


def iter_facts(supporters: int, seed: int, as_of: date) -> Iterator[Emitted]:
    """Yield ``(list name, fact)``: the shared parties, then each neighbourhood.

    Raises:
        ValueError: when ``supporters`` or ``seed`` is negative.
    """
    if supporters < 0 or seed < 0:
        raise ValueError(f"supporters and seed must not be negative, got {supporters}, {seed}")
    pools, shared = shared_parties(supporters, random.Random(seed))
    for fact in shared:
        yield "parties", fact
    for index in range(1, supporters + 1):
        yield from neighbourhood(index, seed, as_of, pools)


def header(supporters: int, seed: int, as_of: date) -> Fact:
    """The document's top-level keys before the fact lists."""
    command = f"bench/generate.py --supporters {supporters} --seed {seed} --as-of {as_of}"
    metadata = {
        "name": f"synthetic-{supporters}-seed-{seed}",
        "as_of": as_of.isoformat(),
        "description": f"synthetic register generated by {command}",
    }
    return {"apiVersion": "governance/v1", "kind": "Register", "metadata": metadata}


def generate(supporters: int, seed: int, as_of: date) -> dict[str, object]:
    """Return the register for ``supporters`` supporters as a JSON-ready dict.

    Args:
        supporters: number of supporters (neighbourhoods) to draw.
        seed: the seed; the same seed gives the same document.
        as_of: the evaluation day the patterns are drawn around.

    Returns:
        The document: ``apiVersion``, ``kind``, ``metadata`` and every fact list.

    Raises:
        ValueError: when ``supporters`` or ``seed`` is negative.
    """
    lists: dict[str, list[Fact]] = {name: [] for name in LISTS}
    for name, fact in iter_facts(supporters, seed, as_of):
        lists[name].append(fact)
    return header(supporters, seed, as_of) | lists


# --- Writing ---------------------------------------------------------------------------
ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def yaml_flow(value: object) -> str:
    """Render ``value`` as a one-line YAML flow node (JSON scalars are YAML scalars)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {yaml_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_flow(item) for item in value) + "]"
    return ENCODER.encode(value)


def render_json(head: Fact, lines: Mapping[str, list[str]]) -> Iterator[str]:
    """Yield the JSON document in chunks, one fact per line."""
    yield ENCODER.encode(head)[:-1]
    for name in LISTS:
        body = ",\n".join(lines[name])
        yield f',\n"{name}":[\n{body}\n]' if body else f',\n"{name}":[]'
    yield "}\n"


def render_yaml(head: Fact, lines: Mapping[str, list[str]]) -> Iterator[str]:
    """Yield the YAML document in chunks: block lists of flow mappings, one per line."""
    for key, value in head.items():
        yield f"{key}: {yaml_flow(value)}\n"
    for name in LISTS:
        yield f"{name}:\n" + "".join(lines[name]) if lines[name] else f"{name}: []\n"


def write_register(path: Path, supporters: int, seed: int, as_of: date) -> dict[str, int]:
    """Write the register to ``path`` (YAML for .yaml/.yml, else JSON).

    Facts are encoded as they are drawn, so only their text is held in memory.

    Returns:
        The number of facts written to each list.
    """
    as_yaml = path.suffix.lower() in (".yaml", ".yml")
    lines: dict[str, list[str]] = {name: [] for name in LISTS}
    for name, fact in iter_facts(supporters, seed, as_of):
        lines[name].append(f"  - {yaml_flow(fact)}\n" if as_yaml else ENCODER.encode(fact))
    render = render_yaml if as_yaml else render_json
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for chunk in render(header(supporters, seed, as_of), lines):
            out.write(chunk)
    return {name: len(found) for name, found in lines.items()}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--supporters", type=int, default=1000, help="default: 1000")
    parser.add_argument("--seed", type=int, default=1, help="default: 1")
    parser.add_argument(
        "--as-of", type=date.fromisoformat, default=date(2027, 3, 31), help="default: 2027-03-31"
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help=".json, .yaml or .yml")
    args = parser.parse_args(argv)
    if args.supporters < 0 or args.seed < 0:
        parser.error("--supporters and --seed must not be negative")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Write a register and print a one-line summary to stderr."""
    args = parse_args(argv)
    started = time.perf_counter()
    counts = write_register(args.output, args.supporters, args.seed, args.as_of)
    seconds = time.perf_counter() - started
    size = args.output.stat().st_size / 1e6
    by_list = ", ".join(f"{name} {count:,}" for name, count in counts.items())
    total = sum(counts.values())
    print(
        f"{args.output}: {args.supporters:,} supporters, {total:,} facts ({by_list}), "
        f"{size:.1f} MB, {seconds:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
