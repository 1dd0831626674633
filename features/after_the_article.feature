Feature: The world after the article
  The article stops on 1 March 2022; what happened next is recorded by hand, each fact
  with the page that reports it. These scenarios tell that story with real, dated facts,
  one rule each: partners as data, who acted, a fact announced on one day and in effect
  on another, a launch target dropped, milestones, contributions, programmes, several
  sources for one fact, since when a status has held, and notes among the changes.

  Background:
    Given the tracker holds the facts of the article of 1 March 2022

  Rule: Partners are data: a partner the tracker does not know is added, then named

    Scenario: Venezuela joins the ILRS on 17 July 2023, once it is a known partner
      When I type `missions record ilrs partner-joined --partner venezuela --role partner --on 2023-07-17 --source "SpaceNews"`
      Then I am refused with exit code 2
      And the error reads:
        """
        Error: unknown partner 'venezuela'; known partners: arianespace, asi, casc, casic, cnes, cnsa, csa, dlr, esa, glavkosmos, iki, isro, jaxa, kari, nasa, roscosmos, uaesa, uksa
        """
      And nothing has been written to the store
      Given I have typed `missions partner add venezuela --name Venezuela --kind country --country VE --source "SpaceNews" --source-title "Venezuela signs up to China's moon base initiative" --source-url "https://spacenews.com/venezuela-signs-up-to-chinas-moon-base-initiative/"`
      And I have typed `missions record ilrs partner-joined --partner Venezuela --role partner --on 2023-07-17 --source "SpaceNews" --source-title "Venezuela signs up to China's moon base initiative" --source-url "https://spacenews.com/venezuela-signs-up-to-chinas-moon-base-initiative/" --summary "Venezuela joined the ILRS by a joint statement signed over video." --quote "signed a joint statement on the ILRS July 17 via video"`
      When I ask for the status of "ILRS" on 2023-07-31
      Then its partners are:
        | partner   | name                                       | role    | standing |
        | cnsa      | China National Space Administration (CNSA) | lead    | active   |
        | roscosmos | Roscosmos                                  | lead    | active   |
        | venezuela | Venezuela                                  | partner | active   |

    Scenario: Pakistan takes part in the ILRS through SUPARCO
      Given I have typed `missions partner add suparco --name "Pakistan Space and Upper Atmosphere Research Commission (SUPARCO)" --kind agency --country PK --alias SUPARCO --source "Xinhua" --source-title "Pakistan, Belarus join International Lunar Research Station program" --source-date 2023-10-25`
      When I type `missions partner add pakistan --name Pakistan --kind country --country pk --via SUPARCO --source "Xinhua" --source-date 2023-10-25 --json`
      Then the recorded fact reads:
        | partner | pakistan |
        | name    | Pakistan |
        | kind    | country  |
        | country | PK       |
        | via     | suparco  |
      Given I have typed `missions record ilrs partner-joined --partner pakistan --role partner --on 2023-10-18 --source "Technology Times" --source-title "Pakistan Officially Joins China's ILRS Moon Project" --source-url "https://technologytimes.pk/?p=341814" --summary "Pakistan, through SUPARCO, signed its agreement to join the ILRS." --quote "The agreement, inked on October 18"`
      When I ask for the status of "ILRS" on 2023-10-31
      Then the standing of "pakistan" is "active"

  Rule: A fact may say who acted

    Scenario: ESA suspended its cooperation with Roscosmos on ExoMars on 17 March 2022
      Given I have typed `missions record exomars partner-standing-changed --partner roscosmos --standing suspended --by-party esa --on 2022-03-17 --source "ESA" --source-title "ExoMars officially suspended" --source-date 2022-03-17 --source-url "http://sat-nd.com/archive/display.php?id=2022031705" --summary "ESA's Council found it could not go on with Roscosmos on the rover mission for now, and had its Director General suspend the cooperation." --quote "suspend the co-operation activities accordingly"`
      When I ask for the status of "ExoMars" on 2022-03-18
      Then its partners are:
        | partner   | role    | standing  | by party |
        | esa       | lead    | active    | -        |
        | roscosmos | partner | suspended | esa      |

  Rule: A fact announced on one day may take effect on another

    Scenario: On 26 July 2022 Russia said it would leave the ISS after 2024
      "After 2024" names no day: the effect is recorded as some time from 2025 on
      (`2025/..`), so Roscosmos stays a partner of the ISS in every answer, and the
      withdrawal is uncertain once 2025 has begun.

      Given I have typed `missions record iss partner-withdrawn --partner roscosmos --by-party roscosmos --on 2022-07-26 --effective 2025/.. --source "WION" --source-title "Russia says it will quit ISS after 2024, shows plans of new station" --source-date 2022-07-26 --source-url "https://www.wionews.com/science/russia-says-it-will-quit-iss-after-2024-shows-plans-of-new-station-500883" --summary "Roscosmos' new head told Russia's president that Russia would leave the station once 2024 was over." --quote "the decision to withdraw from the station after 2024 has been taken"`
      When I ask for the status of "ISS" on 2023-01-01
      Then the standing of "roscosmos" is "active"
      And nothing about it is uncertain
      When I ask for the status of "ISS" on 2026-01-01
      Then the standing of "roscosmos" is "active"
      And it is uncertain of:
        | kind              | occurred |
        | partner-withdrawn | 2025/..  |
      When I type `missions history iss --from 2022-03-02 --json`
      Then the changes are, in the order of the world:
        | date       | subject | partner   | from   | to        | by party  | announced | occurred   | effective |
        | 2022-07-26 | partner | roscosmos | active | withdrawn | roscosmos | True      | 2022-07-26 | 2025/..   |
        | 2025/..    | partner | roscosmos | active | withdrawn | roscosmos | False     | 2022-07-26 | 2025/..   |

  Rule: A launch target can be dropped, and set again

    Scenario: ExoMars loses its launch of September 2022, and gets one in 2028
      Given I have typed `missions record exomars launch-target-changed --target none --on 2022-04-13 --source "ESA" --source-url "https://copernical.com/news-public/item/30546-2022-04-13-17-55-04" --summary "With the cooperation with Roscosmos suspended, ESA said the rover would not launch in September 2022." --quote "the mission will not be launched in September this year"`
      And I have typed `missions record exomars launch-target-changed --target 2028 --on 2022-11-23 --source "SpaceNews" --source-title "ESA's ExoMars plans depend on NASA contributions" --source-url "https://spacenews.com/esas-exomars-plans-depend-on-nasa-contributions/" --summary "At ESA's ministerial council the rover mission was set to launch in 2028." --quote "now slated for launch in 2028"`
      When I ask for the status of "ExoMars" on 2022-06-30
      Then it has no launch target
      When I ask for the status of "ExoMars" on 2022-12-31
      Then its launch target is "2028"

  Rule: A mission's milestones are part of its state

    Scenario: Chang'e-6 launched, landed on the far side, and brought samples back
      Given I have typed `missions record change-6 milestone --milestone launch --detail "on a Long March 5 from Wenchang" --on 2024-05-03 --source "Armenpress" --source-url "https://armenpress.am/eng/news/1136270/" --summary "China launched Chang'e-6 to bring back samples from the far side of the Moon."`
      And I have typed `missions record change-6 milestone --milestone landing --detail "South Pole-Aitken Basin, far side" --on 2024-06-01 --source "Swarajya" --summary "Chang'e-6 landed on the far side of the Moon at 22:23 UTC." --quote "successfully landed on the moon's far side at UTC 22:23 on 1 June"`
      And I have typed `missions record change-6 milestone --milestone sample-return --detail "1,935.3 g of lunar samples" --on 2024-06-25 --source "CNSA" --source-url "https://www.cnsa.gov.cn/english/n6465652/n6465653/c10573000/content.html" --summary "Chang'e-6's capsule came back to Inner Mongolia; CNSA later gave the samples' weight." --quote "collected 1,935.3 grams of samples from the far side of the moon"`
      When I ask for the status of "Chang'e-6" on 2024-06-30
      Then its milestones are:
        | milestone     | on         | detail                            |
        | launch        | 2024-05-03 | on a Long March 5 from Wenchang   |
        | landing       | 2024-06-01 | South Pole-Aitken Basin, far side |
        | sample-return | 2024-06-25 | 1,935.3 g of lunar samples        |
      When I type `missions changes --from 2024-05-01 --to 2024-06-30 --json`
      Then the changes are, by mission:
        | mission  | date       | subject   | to            | detail                            |
        | change-6 | 2024-05-03 | milestone | launch        | on a Long March 5 from Wenchang   |
        | change-6 | 2024-06-01 | milestone | landing       | South Pole-Aitken Basin, far side |
        | change-6 | 2024-06-25 | milestone | sample-return | 1,935.3 g of lunar samples        |

  Rule: A partner's contributions are part of its part

    Scenario: NASA's share of the Rosalind Franklin rover, agreed on 16 May 2024
      We read the agreement's "expand NASA's work" as NASA's part growing from a
      contributor's to a partner's.

      Given I have typed `missions record exomars partner-joined --partner nasa --role contributor --on ../2024-05-16 --source "dpa-AFX" --source-title "NASA, European Space Agency Sign Deal To Land Europe's Rover On Mars" --source-date 2024-05-17 --summary "NASA already had a part in the rover mission before the agreement."`
      And I have typed `missions record exomars partner-role-changed --partner nasa --role partner --on 2024-05-16 --source "NASA" --source-url "https://moonbase.xyz/index.php/tag/rosalind-franklin-rover" --summary "NASA and ESA signed an agreement that makes NASA's share of the rover mission larger." --quote "expand NASA's work on the ExoMars Rosalind Franklin rover"`
      And I have typed `missions record exomars contribution-added --partner nasa --contribution "the launch" --on 2024-05-16 --source "dpa-AFX" --source-date 2024-05-17`
      And I have typed `missions record exomars contribution-added --partner nasa --contribution "throttleable braking engines" --on 2024-05-16 --source "dpa-AFX" --source-date 2024-05-17`
      And I have typed `missions record exomars contribution-added --partner nasa --contribution "radioisotope heater units" --on 2024-05-16 --source "dpa-AFX" --source-date 2024-05-17`
      When I ask for the status of "ExoMars" on 2024-06-01
      Then its partners are:
        | partner   | role    | standing | contributions                                                       |
        | esa       | lead    | active   |                                                                     |
        | roscosmos | partner | active   |                                                                     |
        | nasa      | partner | active   | the launch, throttleable braking engines, radioisotope heater units |
      When I type `missions history exomars --from 2024-05-16 --json`
      Then the changes surely within the range are, in the order of the world:
        | date       | subject      | partner | from        | to                           |
        | 2024-05-16 | role         | nasa    | contributor | partner                      |
        | 2024-05-16 | contribution | nasa    | -           | the launch                   |
        | 2024-05-16 | contribution | nasa    | -           | throttleable braking engines |
        | 2024-05-16 | contribution | nasa    | -           | radioisotope heater units    |

  Rule: A mission can be part of a programme

    Scenario: Chang'e-7 is a part of the ILRS
      Given I have typed `missions record change-7 programme-joined --programme "International Lunar Research Station" --on ../2023-09-08 --source "China Daily" --source-title "South Africa joins China-led space program" --source-date 2023-09-08 --summary "The ILRS is to be built in part from the Chang'e-7 and Chang'e-8 missions." --quote "will consist of components of China's Chang'e 7 and Chang'e 8 robotic missions"`
      When I list the missions of the programme "ILRS" on 2023-12-31
      Then the missions are, in order:
        | mission  | status  | programmes |
        | change-7 | planned | ilrs       |

  Rule: Several sources can stand behind one fact

    Scenario: ESA's own release stands behind SpaceNews' report of ESA's warning
      Given I have typed `missions cite e5e05089 --source "ESA" --source-title "ExoMars officially suspended" --source-date 2022-03-17 --quote "impossibility of carrying out the ongoing co-operation with Roskosmos"`
      When I ask for the status of "ExoMars" on 2022-03-01
      Then its sources are:
        | publication | title                                                                                |
        | SpaceNews   | Russia looks to China for collaboration in space but faces isolation over Ukraine invasion |
        | ESA         | ExoMars officially suspended                                                         |

  Rule: Notes are told among the changes, though they change nothing

    Scenario: The article's doubt over each country's part in the ILRS is a note in its history
      When I type `missions history ilrs --from 2022-01-01 --json`
      Then the changes are, in the order of the world:
        | date                  | subject | kind  |
        | 2022-02-24/2022-03-01 | note    | noted |
