"""Steps that choose how to check (packs, policies, the day, the engine) and run the check."""

from __future__ import annotations

from governance.scenarios.steps.model import Args, StepDef
from governance.scenarios.world import World


def use_packs(world: World, args: Args) -> None:
    """Check against the named packs, found in the policies folder when one is given."""
    if args.has("folder"):
        world.policies = args.get(world, "folder")
    if args.has("packs"):
        world.packs = tuple(args.get(world, "packs"))
    world.changed()


def set_day(world: World, args: Args) -> None:
    """Check as of the given day."""
    world.as_of = args.get(world, "as_of")
    world.changed()


def set_engine(world: World, args: Args) -> None:
    """Check with the named engine."""
    world.engine = args.get(world, "engine")
    world.changed()


def focus(world: World, args: Args) -> None:
    """Look only at the findings of some rules."""
    world.only = tuple(args.get(world, "rules"))


def run_check(world: World, args: Args) -> None:
    """Check the register now (on the given day, if any)."""
    if args.has("as_of"):
        world.as_of = args.get(world, "as_of")
    world.check()


STEPS = (
    StepDef(
        key="given.packs",
        kind="given",
        topic="Checking",
        doc="""The policy packs to check against, by id.

Without this step a scenario uses the packs `governance test --pack` names (by default,
every built-in pack, or every pack in `--policies`).""",
        en=(
            "[the ](pack|packs|policy pack|policy packs) {packs:packs}",
            "we check against {packs:packs}",
            "{packs:packs} (is|are) adopted",
        ),
        ja=(
            "(ポリシーパック|パック|方針) {packs:packs} を(使う|採用している|適用する)",
            "(ポリシーパック|パック|方針)は {packs:packs}[ (です|である)]",
        ),
        examples=(
            'the pack "banso-shien"',
            'the packs "banso-shien" and "companies-act-jp"',
            'ポリシーパック "banso-shien" を使う',
        ),
        action=use_packs,
    ),
    StepDef(
        key="given.policies",
        kind="given",
        topic="Checking",
        doc="""An organisation's own policies folder (`DIR/<pack>/pack.yaml`, `DIR/rules/`).

The folder is relative to the feature file. Packs are looked up there first, then among the
built-in ones.""",
        en=(
            "[the ](pack|packs|policy pack|policy packs) {packs:packs} (from|in) {folder:folder}",
            "the policies (are in|in|from) {folder:folder}",
        ),
        ja=(
            "{folder:folder} の(ポリシーパック|パック|方針) {packs:packs} を"
            "(使う|採用している|適用する)",
            "(ポリシー|方針)(は|を) {folder:folder} (にある|から読む)",
        ),
        examples=(
            'the pack "my-pack" from "../my-policies"',
            'the policies are in "../my-policies"',
            '"../my-policies" のポリシーパック "my-pack" を使う',
        ),
        action=use_packs,
    ),
    StepDef(
        key="given.as-of",
        kind="given",
        topic="Checking",
        doc="""The day the check is made as of.

Facts dated after it do not exist yet; deadlines are due until it passes them.""",
        en=(
            "today is {as_of:date}",
            "the date is {as_of:date}",
            "it is {as_of:date}",
            "[the check is made ]as of {as_of:date}",
        ),
        ja=(
            "(基準日|今日)は {as_of:date}[ (です|である)]",
            "{as_of:date} 時点[ とする]",
        ),
        examples=("today is 2026-08-01", "as of 2026/8/1", "基準日は 2026年8月1日"),
        action=set_day,
    ),
    StepDef(
        key="given.engine",
        kind="given",
        topic="Checking",
        doc="The evaluator to check with: `oracle` (the default) or `durable`.",
        en=("the engine is {engine:engine}", "the {engine:engine} engine is used"),
        ja=("エンジンは {engine:engine}[ (です|である)]",),
        examples=("the engine is durable", 'エンジンは "oracle"'),
        action=set_engine,
    ),
    StepDef(
        key="given.only",
        kind="given",
        topic="Checking",
        doc="Look only at the findings of these rules (other rules still run).",
        en=(
            "only[ the] findings of {rules:rules} (are|is) (reported|considered)",
            "only {rules:rules} (is|are) reported",
        ),
        ja=("{rules:rules} の指摘だけを見る", "{rules:rules} 以外の指摘は無視する"),
        examples=(
            'only "disclosure.missing" is reported',
            '"disclosure.missing" と "disclosure.late" の指摘だけを見る',
        ),
        action=focus,
    ),
    StepDef(
        key="when.check",
        kind="when",
        topic="Checking",
        doc="""Check the register (optionally as of a day).

Then steps check by themselves when nothing changed since; this step makes the moment
explicit, and a scenario may check several times (for example on two days).""",
        en=(
            "the register is checked[ as of {as_of:date}]",
            "(I|we) check the register[ as of {as_of:date}]",
            "the check (is run|runs)[ as of {as_of:date}]",
            "(I|we) check[ as of {as_of:date}]",
        ),
        ja=(
            "[{as_of:date} (時点で|に) ]登録簿を(確認|チェック)する",
            "[{as_of:date} (時点で|に) ](確認|チェック)する",
        ),
        examples=(
            "the register is checked",
            "we check the register as of 2026-07-02",
            "登録簿を確認する",
            "2026-07-02 時点で確認する",
        ),
        action=run_check,
    ),
)
"""Every step about how and when to check."""
