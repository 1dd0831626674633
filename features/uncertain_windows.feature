Feature: A window with uncertain dates
  Many sources date a fact only loosely: "on or before 19 March 2022", "from 24
  February to 1 March". A question about a range of days answers every change whose
  dates touch the range, and says which may lie outside it: those whose days all lie
  within the range are "surely" within it, the others "possibly". None is dropped,
  so a window never hides what may have happened in it.

  Background:
    Given the tracker holds the article and every built-in pack

  Scenario: Soyuz at Kourou, cancelled on or before 19 March 2022, is a change of March
    When I type `missions changes --from 2022-03-01 --to 2022-03-31 --mission soyuz-kourou --json`
    Then the changes are, by mission:
      | mission      | date          | within   | subject | partner   | from      | to        |
      | soyuz-kourou | ../2022-03-02 | possibly | note    | -         | -         | -         |
      | soyuz-kourou | 2022-03-17    | surely   | note    | -         | -         | -         |
      | soyuz-kourou | ../2022-03-19 | possibly | partner | roscosmos | suspended | withdrawn |
      | soyuz-kourou | ../2022-03-19 | possibly | status  | -         | suspended | cancelled |

  Scenario: The same, for people to read: a ? after a date that may lie outside the range
    When I type `missions changes --from 2022-03-18 --to 2022-03-31 --mission soyuz-kourou`
    Then I see:
      """
      Soyuz at the Guiana Space Centre (soyuz-kourou)
        DATE             CHANGE                                                      EVENT     SUMMARY
        ../2022-03-19 ?  roscosmos (partner): suspended -> withdrawn (by roscosmos)  c0a4daa7  Roscosmos head Dmitry Rogozin said Russia wanted to stop using its launch pad at Europe's Spaceport for good, asking what use Russia had for such an unreliable partner.
        ../2022-03-19 ?  status: suspended -> cancelled (by roscosmos)               a3e2ad48  Roscosmos cancelled further Soyuz launches from Kourou, among them three launches of French observation satellites, after 27 Soyuz launches there.
        ? dated in part outside the window: it may or may not lie within it
      """

  Scenario: The ILRS gained members in 2023 and 2024, some on or before a day of those years
    When I type `missions changes --from 2023-01-01 --to 2024-12-31 --mission ilrs --json`
    Then the partners that joined are:
      | partner      | date                  | within   |
      | venezuela    | 2023-07-17            | surely   |
      | south-africa | 2023-09-01            | surely   |
      | azerbaijan   | 2023-10-02/2023-10-06 | surely   |
      | pakistan     | 2023-10-18            | surely   |
      | belarus      | ../2023-10-25         | possibly |
      | egypt        | 2023-12-06            | surely   |
      | thailand     | ../2024-04-08         | possibly |
      | apsco        | ../2024-04-24         | possibly |
      | nicaragua    | 2024-04-24            | surely   |
      | auass        | 2024-04-24            | surely   |
      | serbia       | ../2024-05-13         | possibly |
      | kazakhstan   | 2024-07-03            | surely   |
      | senegal      | 2024-09-05            | surely   |
