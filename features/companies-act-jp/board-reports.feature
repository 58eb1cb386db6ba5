Feature: Reporting conflict-of-interest transactions to the board (Companies Act 365(2))
  After a director's transaction with the company, the board hears a report without delay;
  the pack reads "without delay" as within 30 days. A company without a board approves by a
  shareholders' resolution and has no board to report to.

  Background:
    Given the pack "companies-act-jp"
    And these people:
      | id       | name      |
      | P-TANAKA | 田中 一郎 |
      | P-KIMURA | 木村 四郎 |
    And these companies:
      | id      | name               | board |
      | O-FISH  | 気仙沼水産株式会社 | yes   |
      | O-SMALL | 唐桑かき株式会社   | no    |
    And these board seats:
      | id     | holder   | entity  | role                    | start      |
      | SEAT-1 | P-TANAKA | O-FISH  | director                | 2026-01-01 |
      | SEAT-2 | P-TANAKA | O-SMALL | representative director | 2026-01-01 |
    And these collaborations:
      | id    | holder   | entity | kind | worth     | start      |
      | COL-1 | P-TANAKA | O-FISH | sale | 3,000,000 | 2026-09-01 |
    And the board of "O-FISH" approved "COL-1" on 2026-08-20 with "P-KIMURA" voting as "RES-1"

  @rule:ca.conflict-transaction-not-reported
  Scenario Outline: The report is due within 30 days of the transaction, then overdue
    Given today is <day>
    When the register is checked
    Then the only findings are:
      | rule                                 | subject | state   | severity | deadline   |
      | ca.conflict-transaction-not-reported | COL-1   | <state> | medium   | 2026-10-01 |

    Examples:
      | day        | state   |
      | 2026-09-15 | due     |
      | 2026-10-01 | due     |
      | 2026-10-02 | overdue |

  @rule:ca.conflict-transaction-not-reported
  Scenario: Reported to the board on day 30
    Given "COL-1" was reported to the board of "O-FISH" on 2026-10-01
    And today is 2026-11-01
    When the register is checked
    Then there are no findings

  @rule:ca.conflict-transaction-not-reported @rule:ca.conflict-transaction-unapproved
  Scenario: A company without a board approves by its shareholders and reports to no board
    Given "COL-1" was reported to the board of "O-FISH" on 2026-09-10
    And "P-TANAKA" leases to "O-SMALL" for 1,200,000 from 2026-09-01 as "COL-2"
    And "COL-2" was approved by the shareholders of "O-SMALL" on 2026-08-25
    And today is 2026-11-01
    When the register is checked
    Then there are no findings

  @rule:ca.conflict-transaction-unapproved
  Scenario: A board approval does not count in a company without a board
    Given "COL-1" was reported to the board of "O-FISH" on 2026-09-10
    And "P-TANAKA" leases to "O-SMALL" for 1,200,000 from 2026-09-01 as "COL-2"
    And the board of "O-SMALL" approved "COL-2" on 2026-08-25
    And today is 2026-11-01
    When the register is checked
    Then finding "ca.conflict-transaction-unapproved" is violation for "COL-2"
    And "ca.conflict-transaction-not-reported" does not fire

  @rule:ca.conflict-transaction-unapproved @rule:ca.conflict-transaction-not-reported
  Scenario: A transaction through a firm the director controls needs the same approval
    Given an organisation "田中プランニング合同会社"
    And "P-TANAKA" controls "田中プランニング" since 2020-01-01
    And these collaborations:
      | id    | holder           | entity | kind    | worth   | start      |
      | COL-3 | 田中プランニング | O-FISH | service | 900,000 | 2026-09-15 |
    And "COL-1" was reported to the board of "O-FISH" on 2026-09-10
    And today is 2026-10-01
    When the register is checked
    Then the only findings are:
      | rule                                 | subject | state     | deadline   |
      | ca.conflict-transaction-unapproved   | COL-3   | violation | -          |
      | ca.conflict-transaction-not-reported | COL-3   | due       | 2026-10-15 |
