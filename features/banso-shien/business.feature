Feature: Investments and business with the supported entity
  A supporter may invest in the supported entity up to a third of it, counting the stakes of a
  spouse and of controlled firms (5.1). Business with the client is never paid from public
  funds (5.2); during a publicly funded engagement it needs an explicit waiver (5.3); and trade
  in the year before the engagement must be known when it starts (2.2).

  Background:
    Given the pack "banso-shien"
    And these parties:
      | id       | type         | name                     | legal form       | roles     |
      | P-TANAKA | person       | 田中 一郎                |                  | supporter |
      | P-HANAKO | person       | 田中 花子                |                  |           |
      | P-SATO   | person       | 佐藤 花子                |                  | reviewer  |
      | O-FISH   | organization | 気仙沼水産株式会社       | kabushiki_kaisha |           |
      | O-TPLAN  | organization | 田中プランニング合同会社 | godo_kaisha      |           |
      | M-KSN    | organization | 気仙沼市                 | municipality     | funder    |
    And "P-TANAKA" controls "O-TPLAN" since 2020-01-01
    And "田中 一郎" and "田中 花子" are married since 2010-05-05
    And an engagement "ENG-1" of "P-TANAKA" with "O-FISH" from 2026-04-01 to 2029-03-31, funded by "M-KSN" with public funds
    And "P-TANAKA" signed a confidentiality pledge to "M-KSN" covering "ENG-1" on 2026-04-01

  @rule:investment.control
  Scenario Outline: A spouse's and a controlled firm's stakes count towards the one-third limit
    Given these investments:
      | id    | holder   | entity | start      | equity % |
      | INV-1 | P-TANAKA | O-FISH | 2026-06-01 | <own>    |
      | INV-2 | P-HANAKO | O-FISH | 2026-06-01 | <spouse> |
      | INV-3 | O-TPLAN  | O-FISH | 2026-06-01 | <firm>   |
    And "佐藤 花子" approved "INV-1", "INV-2" and "INV-3" on 2026-05-20
    And "田中 一郎" disclosed "INV-1", "INV-2" and "INV-3" to "気仙沼市" on 2026-06-10
    And today is 2026-08-01
    When the register is checked
    Then "investment.control" <outcome> for "ENG-1"

    Examples:
      | own | spouse | firm | outcome       |
      | 10  | 10     | 13.3 | does not fire |
      | 10  | 10     | 13.4 | fires         |
      | 40  | 0      | 0    | fires         |

  @rule:investment.control
  Scenario: A firm the supporter stopped controlling before it invested does not count
    Given an organisation "大島ホールディングス合同会社"
    And "田中 一郎" controls "大島ホールディングス" from 2015-01-01 until 2026-03-31
    And these investments:
      | id    | holder               | entity | start      | equity % |
      | INV-1 | P-TANAKA             | O-FISH | 2026-06-01 | 30       |
      | INV-2 | 大島ホールディングス | O-FISH | 2026-06-01 | 30       |
    And "佐藤 花子" approved "INV-1" on 2026-05-20
    And "田中 一郎" disclosed "INV-1" to "気仙沼市" on 2026-06-10
    And today is 2026-08-01
    Then there are no findings

  @rule:investment.control
  Scenario: Over the limit is a high-severity violation about the engagement
    Given "田中 一郎" holds 40% of "気仙沼水産" from 2026-06-01 as "INV-1"
    And "佐藤 花子" approved "INV-1" on 2026-05-20
    And "田中 一郎" disclosed "INV-1" to "気仙沼市" on 2026-06-10
    And today is 2026-08-01
    Then the only findings are:
      | rule               | subject | state     | severity |
      | investment.control | ENG-1   | violation | high     |

  @rule:collaboration.public-funds @rule:collaboration.during-engagement
  Scenario: Business paid from public funds is reported twice
    Given a collaboration "COL-1" between "田中プランニング" and "気仙沼水産" worth 800,000 from 2026-09-01
    And "COL-1" is paid from public funds
    And "田中 一郎" disclosed "COL-1" to "気仙沼市" on 2026-09-10
    And today is 2026-10-01
    When the register is checked
    Then the only findings are:
      | rule                            | subject | state     | severity |
      | collaboration.public-funds      | COL-1   | violation | critical |
      | collaboration.during-engagement | COL-1   | violation | high     |

  @rule:collaboration.during-engagement @rule:collaboration.public-funds
  Scenario: Paid business during a publicly funded engagement needs a waiver
    Given "田中 一郎" provides services to "気仙沼水産" worth 3,000,000 from 2026-09-01 as "COL-1"
    And "佐藤 花子" approved "COL-1" on 2026-08-20
    And "田中 一郎" disclosed "COL-1" to "気仙沼市" on 2026-09-10
    And today is 2026-10-01
    When the register is checked
    Then finding "collaboration.during-engagement" is violation for "COL-1"
    And "collaboration.public-funds" does not fire
    And there is 1 finding

  @rule:collaboration.during-engagement @rule:collaboration.public-funds
  Scenario: Business under a privately funded engagement is allowed
    Given the engagement is not publicly funded
    And a collaboration "COL-1" between "田中 一郎" and "気仙沼水産" worth 800,000 from 2026-09-01
    And "田中 一郎" disclosed "COL-1" to "気仙沼市" on 2026-09-10
    And today is 2026-10-01
    Then there are no findings

  @rule:collaboration.during-engagement
  Scenario Outline: A waiver from the funder sets the finding aside through its expiry day
    Given a sale collaboration "COL-1" between "田中 一郎" and "気仙沼水産" worth 800,000 from 2026-09-01
    And "田中 一郎" disclosed "COL-1" to "気仙沼市" on 2026-09-10
    And "気仙沼市" waived "collaboration.during-engagement" for "COL-1" on 2026-08-01 until 2027-03-31, at the request of "田中 一郎", because "地域唯一の加工業者" as "W-1"
    When the register is checked as of <day>
    Then finding "collaboration.during-engagement" is "<state>" for "COL-1"

    Examples:
      | day        | state     |
      | 2027-03-31 | waived    |
      | 2027-04-01 | violation |

  @rule:engagement.prior-trade
  Scenario Outline: Trade with the client in the year before the engagement
    Given "田中 一郎" sells to "気仙沼水産" for 2,000,000 from 2024-01-01 to <ended> as "COL-0"
    And today is 2026-08-01
    When the register is checked
    Then "engagement.prior-trade" <outcome> for "ENG-1"

    Examples:
      | ended      | outcome       |
      | 2025-04-01 | fires         |
      | 2025-03-31 | does not fire |

  @rule:engagement.prior-trade
  Scenario: A trade still running when the engagement began
    Given these collaborations:
      | id    | holder   | entity | kind | worth     | start      |
      | COL-0 | P-TANAKA | O-FISH | sale | 2,000,000 | 2025-10-01 |
    And "佐藤 花子" approved "COL-0" on 2025-09-20
    And "田中 一郎" disclosed "COL-0" to "気仙沼市" on 2026-04-10
    And today is 2026-08-01
    When the register is checked
    Then the findings include:
      | rule                   | subject | state     | severity |
      | engagement.prior-trade | ENG-1   | violation | high     |
