Feature: Disclosure of a supporter's interests in the client
  A supporter discloses every interest in the supported entity to the funder within 30 days
  of the later of the interest's start and the engagement's start (banso-shien 3.1).

  Background:
    Given the pack "banso-shien"
    And a supporter "田中 一郎"
    And a company "気仙沼水産株式会社"
    And a municipality "気仙沼市"
    And a reviewer "佐藤 花子"
    And "田中" supports "気仙沼水産" under "ENG-1" from 2026-04-01 to 2029-03-31, funded by "気仙沼市" with public funds
    And "田中" signed a confidentiality pledge to "気仙沼市" covering "ENG-1" on 2026-04-01
    And an investment "INV-1" by "田中" in "気仙沼水産" of 5% from 2026-06-01
    And "佐藤" approved "INV-1" on 2026-05-20

  @rule:disclosure.missing
  Scenario Outline: An undisclosed investment is due for 30 days, then overdue
    Given today is <day>
    When the register is checked
    Then finding "disclosure.missing" is "<state>" for "INV-1"
    And the deadline of "disclosure.missing" for "INV-1" is 2026-07-01
    And the severity of "disclosure.missing" for "INV-1" is high

    Examples:
      | day        | state   |
      | 2026-06-01 | due     |
      | 2026-07-01 | due     |
      | 2026-07-02 | overdue |

  @rule:disclosure.missing @rule:disclosure.late
  Scenario: Disclosed to the funder on day 30, nothing is found
    Given "田中" disclosed "INV-1" to "気仙沼市" on 2026-07-01
    And today is 2026-08-01
    When the register is checked
    Then there are no findings

  @rule:disclosure.missing
  Scenario: A disclosure to the client instead of the funder does not count
    Given "田中" disclosed "INV-1" to "気仙沼水産" on 2026-06-10
    And today is 2026-08-01
    When the register is checked
    Then the only findings are:
      | rule               | subject | state   | severity | deadline   |
      | disclosure.missing | INV-1   | overdue | high     | 2026-07-01 |
    And the English message of "disclosure.missing" for "INV-1" contains "has not disclosed"

  @rule:disclosure.missing
  Scenario: A disclosure filed after the day of the check does not exist yet
    Given "田中" disclosed "INV-1" to "気仙沼市" on 2026-06-25
    When we check the register as of 2026-06-20
    Then "disclosure.missing" is due for "INV-1"

  @rule:disclosure.late @rule:disclosure.missing
  Scenario: Disclosed on day 31, the disclosure is late rather than missing
    Given "田中" disclosed "INV-1" to "気仙沼市" on 2026-07-02
    And today is 2026-08-01
    When the register is checked
    Then "disclosure.late" is violation for "INV-1"
    And the severity of "disclosure.late" for "INV-1" is medium
    And "disclosure.late" for "INV-1" has no deadline
    And "disclosure.missing" does not fire

  @rule:disclosure.late
  Scenario: A late disclosure beside an on-time one is not late
    Given these disclosures:
      | id  | interests | filed by | filed to | filed on   |
      | D-1 | INV-1     | 田中     | 気仙沼市 | 2026-06-15 |
      | D-2 | INV-1     | 田中     | 気仙沼市 | 2026-07-20 |
    And today is 2026-08-01
    Then there are no findings

  @rule:disclosure.missing
  Scenario: A stake held through a controlled firm counts as the supporter's own
    Given an organisation "田中プランニング合同会社"
    And "田中 一郎" controls "田中プランニング" since 2020-01-01
    And these investments:
      | id    | holder           | entity     | start      | equity % |
      | INV-2 | 田中プランニング | 気仙沼水産 | 2026-06-01 | 10       |
    And "佐藤" approved "INV-2" on 2026-05-20
    And "田中" disclosed "INV-1" to "気仙沼市" on 2026-06-15
    And today is 2026-08-01
    When the register is checked
    Then the only findings are:
      | rule               | subject | state   |
      | disclosure.missing | INV-2   | overdue |
    And the Japanese message of "disclosure.missing" for "INV-2" contains "開示していません"

  @rule:disclosure.missing @rule:review.missing
  Scenario: A spouse's board seat must be disclosed and reviewed too
    Given a person "田中 花子"
    And "田中 一郎" and "田中 花子" are married since 2010-05-05
    And these board seats:
      | id     | holder    | entity     | role    | start      | compensated |
      | SEAT-1 | 田中 花子 | 気仙沼水産 | auditor | 2026-08-01 | yes         |
    And "田中 一郎" disclosed "INV-1" to "気仙沼市" on 2026-06-15
    When the register is checked as of 2026-09-15
    Then the only findings are:
      | rule               | subject | state     | deadline   |
      | disclosure.missing | SEAT-1  | overdue   | 2026-08-31 |
      | review.missing     | SEAT-1  | violation | -          |
