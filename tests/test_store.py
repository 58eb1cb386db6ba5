"""The audit store on SQLite and on a real PostgreSQL server: runs, marks, triage, history, diff,
verify, migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import governance
from governance import AuditStore, Report, StoreError
from governance.store.connect import store_url as resolve
from tests.conftest import SMALL

AS_OF = date(2027, 3, 31)
AT = datetime(2027, 4, 1, 9, 0, tzinfo=UTC)
PACKS = governance.load_packs(["banso-shien"])

MOVED = (  # the same facts, reformatted and in another order: every evidence line moves
    "# re-typed by hand\n"
    + SMALL.replace(
        "  - {id: P-SATO, type: person, name: 佐藤 花子, roles: [reviewer]}\n", ""
    ).replace(
        "parties:\n",
        "parties:\n  - {id: P-SATO, type: person, name: 佐藤 花子,\n     roles: [reviewer]}\n",
    )
)
CHANGED = SMALL.replace("due: 2026-12-31", "due: 2027-01-31").replace(
    "disclosures:\n",
    "disclosures:\n  - {id: D-2, interests: [SEAT-1], filed_by: P-TANAKA, filed_to: M-KSN, "
    "filed_on: 2026-09-15}\n",
)


def check(text_: str) -> Report:
    register = governance.load_register_text(text_, "register.yaml")
    return governance.evaluate(register, PACKS, as_of=AS_OF, engine="oracle")


def ids(report: Report) -> dict[str, str]:
    return {f.id: f"{f.rule} {f.subject.id}" for f in report.findings}


def test_a_finding_moved_in_the_file_is_unchanged_and_a_changed_one_is_updated(
    store_url: str,
) -> None:
    first, moved, changed = check(SMALL), check(MOVED), check(CHANGED)
    assert [e.source for e in first.findings[0].evidence] != [
        e.source for e in moved.findings[0].evidence
    ]
    with AuditStore(store_url) as store:
        assert store.compare(first).marks == {}  # an empty store has no baseline
        assert store.record(first, packs=PACKS, at=AT).run == 1
        against_first = store.compare(moved, baseline="last")
        assert against_first.baseline == 1
        assert set(against_first.marks.values()) == {"unchanged"}
        store.record(moved, packs=PACKS, at=AT)
        audit = store.compare(changed, baseline=1)
    names = {**ids(first), **ids(changed)}
    assert {names[k]: v for k, v in audit.marks.items()} == {
        "disclosure.late SEAT-1": "new",
        "review.condition-overdue C-1": "updated",  # its deadline moved
        "review.retroactive INV-1": "unchanged",
    }
    assert [f"{f.rule} {f.subject.id}" for f in audit.absent] == ["disclosure.missing SEAT-1"]


def test_runs_record_who_what_and_when_and_diff_names_new_resolved_and_changed(
    store_url: str,
) -> None:
    with AuditStore(store_url) as store:
        store.record(check(SMALL), packs=PACKS, sources=["register.yaml"], actor="佐藤", at=AT)
        store.record(check(CHANGED), packs=PACKS, at=AT)
        runs = store.runs()
        diff = store.diff(1, "last")
        assert store.report(1) == check(SMALL)
    first = runs[0]
    assert (first.run, first.actor, first.sources, first.as_of, first.engine) == (
        1,
        "佐藤",
        ("register.yaml",),
        "2027-03-31",
        "oracle",
    )
    assert first.recorded_at == "2027-04-01T09:00:00+00:00"
    assert first.packs[0]["id"] == "banso-shien"
    assert first.report_digest.startswith("sha256:")
    assert runs[1].actor  # the OS user
    assert [(c.rule, c.subject, c.before, c.after) for c in diff.new] == [
        ("disclosure.late", "SEAT-1", None, "violation")
    ]
    assert [(c.rule, c.subject, c.before, c.after) for c in diff.resolved] == [
        ("disclosure.missing", "SEAT-1", "overdue", None)
    ]
    assert [(c.rule, c.subject, c.before, c.after) for c in diff.changed] == [
        ("review.condition-overdue", "C-1", "overdue", "overdue")
    ]
    assert diff.unchanged == 1


def test_triage_is_appended_and_the_latest_shows_beside_the_finding(store_url: str) -> None:
    report = check(SMALL)
    finding = next(f for f in report.findings if f.rule == "review.retroactive")
    with AuditStore(store_url) as store:
        store.record(report, packs=PACKS, at=AT)
        store.triage(finding.id, "acknowledged", by="P-SATO", reason="asked for the minutes", at=AT)
        store.triage(
            finding.id,
            "accepted_risk",
            by="M-KSN",
            reason="reviewed after the fact",
            until=date(2027, 9, 30),
            at=AT,
        )
        latest = store.compare(report, baseline=None).triage
        history = store.history(finding.id)
    assert latest[finding.id].model_dump(mode="json") == {
        "state": "accepted_risk",
        "by": "M-KSN",
        "reason": "reviewed after the fact",
        "until": "2027-09-30",
        "at": "2027-04-01T09:00:00+00:00",
    }
    assert [(t.seq, t.state, t.by) for t in history.triage] == [
        (1, "acknowledged", "P-SATO"),
        (2, "accepted_risk", "M-KSN"),
    ]
    assert [(a.run, a.state, a.mark) for a in history.appearances] == [(1, "violation", "new")]


def test_triage_refuses_what_is_not_a_triage(store_url: str, report: Report) -> None:
    public_funds = next(f for f in report.findings if f.rule == "collaboration.public-funds")
    with AuditStore(store_url) as store:
        where = store.where
        store.record(report, at=AT)  # built-in packs, found by id and digest
        with pytest.raises(StoreError) as no_until:
            store.triage(public_funds.id, "accepted_risk", by="M-KSN", reason="ok")
        with pytest.raises(StoreError) as not_waivable:
            store.triage(
                public_funds.id, "false_positive", by="M-KSN", reason="no", until=date(2027, 5, 1)
            )
        with pytest.raises(StoreError) as unknown:
            store.triage("0123456789abcdef0123", "acknowledged", by="P-SATO", reason="?")
    assert str(no_until.value) == (
        f"{where}: triage {public_funds.id} as accepted_risk: --until: an accepted risk needs "
        "the day it is accepted until"
    )
    assert str(not_waivable.value) == (
        f"{where}: finding {public_funds.id}: rule collaboration.public-funds is not waivable, "
        "so it cannot be triaged as false_positive (acknowledged or remediated can)"
    )
    assert str(unknown.value) == (
        f"{where}: no recorded run has finding 0123456789abcdef0123 (`governance check --store` "
        "records one; the finding ids are in its JSON and SARIF)"
    )


def test_verify_names_the_first_row_that_does_not_match(store_url: str) -> None:
    with AuditStore(store_url) as store:
        for _ in range(3):
            store.record(check(SMALL), packs=PACKS, at=AT)
        finding = store.report(1).findings[0].id
        store.triage(finding, "acknowledged", by="P-SATO", reason="seen", at=AT)
        assert store.verify().ok
        assert (store.verify().runs, store.verify().triage) == (3, 1)
    engine = create_engine(resolve(store_url))
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE runs SET report = replace(report, 'overdue', 'due') WHERE seq = 2")
        )
        connection.execute(text("UPDATE triage SET reason = 'never seen'"))
    engine.dispose()
    with AuditStore(store_url) as store:
        result = store.verify()
    assert not result.ok
    assert result.problems[0].startswith(
        "run 2: the report does not match its digest (recomputed sha256:"
    )
    assert result.problems[1].startswith("triage 1: the row does not match its hash")


def test_a_rewritten_chain_is_caught_at_the_row_after_it(store_url: str) -> None:
    with AuditStore(store_url) as store:
        store.record(check(SMALL), packs=PACKS, at=AT)
        store.record(check(SMALL), packs=PACKS, at=AT)
    engine = create_engine(resolve(store_url))
    with engine.begin() as connection:  # an actor edited run 1 and rehashed its row
        connection.execute(
            text("UPDATE runs SET actor = 'someone else', row_hash = 'x' WHERE seq = 1")
        )
    engine.dispose()
    with AuditStore(store_url) as store:
        assert store.verify().problems == ("run 1: the row does not match its hash (stored x)",)


def test_an_older_store_is_migrated_on_open_and_a_newer_one_refused(store_url: str) -> None:
    from governance.store.connect import open_engine, transaction
    from governance.store.migrations import migrate

    engine = open_engine(resolve(store_url))
    transaction(engine, lambda c: migrate(c, target=1))  # as the first release left it
    engine.dispose()
    with AuditStore(store_url) as store:
        where = store.where
        assert store.migration == (
            f"migrated the audit store {where} from schema version 1 to 3 (triage events; "
            "partition matches for incremental checks)"
        )
        store.record(check(SMALL), packs=PACKS, at=AT)
    with AuditStore(store_url) as store:
        assert store.migration is None
        assert store.verify().ok
    engine = create_engine(resolve(store_url))
    with engine.begin() as connection:
        connection.execute(text("UPDATE schema_version SET version = 7"))
    engine.dispose()
    with pytest.raises(StoreError) as newer:
        AuditStore(store_url)
    assert str(newer.value) == (
        f"{where}: the store's schema version 7 is newer than this version of governance "
        "supports (3); upgrade governance to use this store"
    )


def test_a_new_store_says_it_was_created(tmp_path: Path) -> None:
    with AuditStore(beside=tmp_path / "register.yaml") as store:
        assert store.where == str(tmp_path / "governance-audit.db")
        assert store.migration == f"created the audit store {store.where} (schema version 3)"


def test_bad_store_urls_get_a_clear_answer(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as other:
        AuditStore("mysql://db/audit")
    assert str(other.value) == (
        "mysql://db/audit: expected a sqlite:/// or postgresql:// URL, or a file path; "
        "got a 'mysql' URL"
    )
    with pytest.raises(StoreError) as missing:
        AuditStore(str(tmp_path / "nowhere" / "audit.db"))
    assert str(missing.value).endswith(f"the folder {tmp_path / 'nowhere'} does not exist")
    with pytest.raises(StoreError) as absent:
        AuditStore(str(tmp_path / "audit.db"), create=False)
    assert str(absent.value) == (
        f"{tmp_path / 'audit.db'}: there is no audit store here (`governance check --store` "
        "makes one)"
    )
    not_a_database = tmp_path / "register.yaml"
    not_a_database.write_text(SMALL, encoding="utf-8")
    with pytest.raises(StoreError) as garbage:
        AuditStore(str(not_a_database))
    assert str(garbage.value) == (
        f"sqlite:///{not_a_database}: the database failed: file is not a database"
    )


def test_a_password_never_appears_in_a_message() -> None:
    with pytest.raises(StoreError) as refused:
        AuditStore("postgresql://audit:s3cret@127.0.0.1:1/audit")
    assert "s3cret" not in str(refused.value)
    assert str(refused.value).startswith("postgresql+psycopg://audit:***@127.0.0.1:1/audit: ")
