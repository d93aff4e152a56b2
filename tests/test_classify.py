"""Sub-event types from triggers as news writes them, with context rules and modality."""

from __future__ import annotations

import pytest

from frontlines.extract.classify import classify, find_triggers


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Rebels seized the town of Jisr al-Shughur on Thursday.", "Non-state actor overtakes territory"),
        ("The town fell to the jihadists after a week of fighting.", "Non-state actor overtakes territory"),
        ("Government forces recaptured Palmyra from Islamic State.", "Government regains territory"),
        ("Militants pushed government troops out of the district.", "Non-state actor overtakes territory"),
        ("The army said its troops had retaken the town.", "Government regains territory"),
        ("Two children were killed in an air attack on the village.", "Air/drone strike"),
        ("Warplanes struck a market in the town, killing 12 civilians.", "Air/drone strike"),
        ("Government forces shelled the eastern districts overnight.", "Shelling/artillery/missile attack"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
        ("A roadside bomb hit an army convoy.", "Remote explosive/landmine/IED"),
        ("Attackers threw a hand grenade into a bar.", "Grenade"),
        ("Chlorine gas was dropped on the neighbourhood, medics said.", "Chemical weapon"),
        ("Gunmen killed three farmers in their fields.", "Attack"),
        ("Militants shot and killed an off-duty soldier as he left the mosque.", "Attack"),
        ("A gang member was shot dead by two rival gang members.", "Armed clash"),
        # a word for civilians before a force's word is its modifier: the target is the force
        ("Gunmen shot and wounded a chief police officer outside his station.", "Armed clash"),
        ("Gunmen shot and wounded a shopkeeper and a police officer.", "Attack"),
        ("Militants attacked a military base near the border.", "Armed clash"),
        ("Clashes broke out between the two militias.", "Armed clash"),
        ("There was an exchange of fire between troops and rebels.", "Armed clash"),
        ("Gunmen abducted 20 passengers from a bus.", "Abduction/forced disappearance"),
        ("Villagers lynched a suspected thief.", "Mob violence"),
        # A crowd that fights the police is a mob, whichever side the sentence names first.
        ("A clash erupted between police and shopkeepers in the old market.", "Mob violence"),
        ("Migrant workers clashed with police at the railway station.", "Mob violence"),
        ("A suspected thief was beaten up by residents at the bus terminal.", "Mob violence"),
        ("A twin bombing struck a crowd in the town, killing 44 people.",
         "Remote explosive/landmine/IED"),
        # Stones with no demonstration told are a mob's; "riot police" are no riot.
        ("Youths pelted stones at police who had asked them to go home.", "Mob violence"),
        ("Riot police fired tear gas at students protesting against fees.",
         "Protest with intervention"),
        ("Villagers beat up two men they suspected of cattle theft.", "Mob violence"),
        ("A man was killed by unknown assailants in the community on Monday.", "Attack"),
        ("Fighting broke out between the army and rebels near the market.", "Armed clash"),
        ("Clashes broke out between two families in the camp. The two sides exchanged fire.",
         "Armed clash"),
        ("Two village groups clashed with sticks and stones over a land dispute.", "Mob violence"),
        ("Militants threw a grenade at police, who returned fire.", "Armed clash"),
        ("Soldiers reacted with gunfire after a grenade was thrown at their checkpoint.",
         "Armed clash"),
        ("Fighters fired RPG grenades at the village.", "Shelling/artillery/missile attack"),
        ("Thousands protested peacefully in the capital.", "Peaceful protest"),
        ("Police fired tear gas to disperse protesters.", "Protest with intervention"),
        ("Soldiers stopped protesters from setting up tents at the roundabout.",
         "Protest with intervention"),
        ("Security forces opened fire on protesters, killing four.", "Excessive force against protesters"),
        ("Protesters threw stones and burned tyres outside the governor's office.", "Violent demonstration"),
        ("Students protested against the killing of a classmate.", "Peaceful protest"),
        ("Traders demonstrated over the market's closure and lit tyres on the main road.",
         "Violent demonstration"),
        ("Unpaid soldiers demonstrated in the streets, firing their rifles into the air.",
         "Violent demonstration"),
        ("Fighters looted and torched shops in the market.", "Looting/property destruction"),
        ("Militants seized a vehicle belonging to a municipal councillor.",
         "Looting/property destruction"),
        ("Settlers uprooted 450 vine seedlings on village land.", "Looting/property destruction"),
        ("Turkish and Russian troops conducted a joint patrol near the border town.",
         "Change to group/activity"),
        ("The militia established new fortifications east of the city.",
         "Change to group/activity"),
        ("Army engineers defused a bomb planted near the school.", "Disrupted weapons use"),
        ("The two sides signed a ceasefire agreement.", "Agreement"),
        ("The group announced the formation of a new alliance.", "Change to group/activity"),
        ("The rebels withdrew from the town without a fight.", "Non-violent transfer of territory"),
        ("Revolutionary fighters entered Hamah on Thursday afternoon.",
         "Non-state actor overtakes territory"),
        ("M23 fighters walked into the centre of Bukavu on Sunday.",
         "Non-state actor overtakes territory"),
        ("The rebels announced they were in full control of the city.",
         "Non-state actor overtakes territory"),
        ("The army established full control over the town of Minian.", "Government regains territory"),
        ("Ukrainian troops entered the city of Kherson after Russian forces withdrew across the river.",
         "Non-violent transfer of territory"),
        ("Wagner's capture of Bakhmut was announced on 20 May.", "Non-state actor overtakes territory"),
        ("Taliban fighters took the governor's compound in Qunduz on Sunday.",
         "Non-state actor overtakes territory"),
        ("Taloqan, the capital of Takhar province, fell in the afternoon.",
         "Non-state actor overtakes territory"),
        ("Ukraine's withdrawal from Avdiivka was announced early on Saturday.",
         "Non-violent transfer of territory"),
        ("They protested against the seizure of Palestinian lands.", "Peaceful protest"),
        # "Grad" is a rocket only as a rocket: Stari Grad is a district of Belgrade.
        ("Residents protested in Stari Grad against a new tram line.", "Peaceful protest"),
        ("Separatists fired Grad rockets at the outskirts of the town.",
         "Shelling/artillery/missile attack"),
        # A state's forces that "bombed" a place did it from the air.
        ("The armed forces of Nigeria bombed insurgent camps in the Sambisa forest.", "Air/drone strike"),
        # The rifles of a seized cache were not fired.
        ("Police recovered arms and ammunition including two AK-47 rifles from a house in Imphal.",
         "Disrupted weapons use"),
        ("Settlers cut down nearly 40 Palestinian-owned olive trees near Nablus.",
         "Looting/property destruction"),
        ("Dozens of olive trees were cut down overnight in the village.", "Looting/property destruction"),
        ("Rebels burned the main house and two tractors on the farm.", "Looting/property destruction"),
        ("Highway police seized more than a ton of marijuana in a lorry.",
         "Looting/property destruction"),
        ("Air defences shot down two rebel reconnaissance drones over the city.",
         "Disrupted weapons use"),
        # "police forces" is one armed party, not two sides; the victim after "beat" is the target.
        ("The police forces beat a young man to death outside a bar in Abidjan.", "Attack"),
        ("Security forces assaulted several shop owners for opening after the curfew.", "Attack"),
        # Protests told by their forms: burning tyres on a road, gatherings with demands,
        # processions, human chains, blockades, pot banging.
        ("Residents closed the main road by burning tyres over water cuts.", "Violent demonstration"),
        ("Dozens of nurses gathered outside the ministry demanding unpaid wages.", "Peaceful protest"),
        ("Students formed a human chain along the avenue in Dhaka.", "Peaceful protest"),
        ("Villagers staged a blockade at the bridge to stop lorries from the mine.", "Peaceful protest"),
        ("Neighbours banged pots from their balconies during the speech.", "Peaceful protest"),
        ("A group of residents caught a thief, tied him to a tree and beat him.", "Mob violence"),
        ("Three men beat and raped her in a forest near the village.", "Sexual violence"),
        # Employees or a politician's accomplices who beat someone are a crowd, not an armed group.
        ("Four municipal employees attacked a whistleblower at his house in Sheopur.", "Mob violence"),
        # Members of a force, by rank or unit, are armed targets: ACLED codes an attack on them
        # as a clash; a party member stays a civilian.
        ("Unknown gunmen shot and killed a policewoman in Kandahar.", "Armed clash"),
        ("Gunmen assassinated a member of the army's 4th Division in Deraa.", "Armed clash"),
        ("Separatists shot dead a ranger on patrol near Sai Buri.", "Armed clash"),
        ("Youth militia members attacked a member of an opposition party in Bururi.", "Attack"),
        # How a protest went, told of "the group" or as the clashes it led to in the next sentence.
        ("Bus drivers demonstrated in Temuco over unpaid subsidies. The group set tyres on fire.",
         "Violent demonstration"),
        ("Traders marched to the town hall in Kano. Clashes with the police broke out at noon.",
         "Violent demonstration"),
        ("Youths demonstrated outside the mayor's house and a brawl broke out with his guards.",
         "Violent demonstration"),
        # A grievance that something was burnt or destroyed says nothing of how the protest went.
        ("Farmers protested in Multan after their crops were destroyed by hail.", "Peaceful protest"),
        ("Residents held a protest for the replacement of a burnt transformer.", "Peaceful protest"),
        # "IS" is Islamic State, not the auxiliary "is": the attack is not passive, its target decides.
        ("IS attacked an army checkpoint near Palmyra.", "Armed clash"),
        ("Separatist forces fired IFVs at army positions near Avdiivka.",
         "Shelling/artillery/missile attack"),
        ("Government troops fired heavy and medium weapons at the outskirts of the village.",
         "Shelling/artillery/missile attack"),
        ("Helicopters were seen dropping bombs on the hills above the town.", "Air/drone strike"),
        ("An RCIED hit a police pickup on the highway.", "Remote explosive/landmine/IED"),
        ("Two bombs planted by the rebels wounded four workers.", "Remote explosive/landmine/IED"),
        ("Insurgents blew up a railway track outside Quetta.", "Remote explosive/landmine/IED"),
        ("An explosion took place near the bus station; no one claimed it.",
         "Remote explosive/landmine/IED"),
        ("A shopkeeper was injured in an explosion at the market.", "Remote explosive/landmine/IED"),
        ("The bodies of three young men with gunshot wounds were found near the river.", "Attack"),
        ("A woman was found wrapped in a blanket on the roadside.", "Attack"),
        ("Police beat a young man outside his house for breaking the curfew.", "Attack"),
        ("A farmer was tied up and brutally beaten by soldiers.", "Attack"),
        # ACLED codes goods seized by security forces as looting/property destruction.
        ("Customs police seized 2.5 tons of cocaine at the port.", "Looting/property destruction"),
        ("Border guards seized smuggled cigarettes in a lorry.", "Looting/property destruction"),
        ("Attackers burnt the school and the health centre of the village.",
         "Looting/property destruction"),
        ("Police found a cache of explosives in an abandoned farmhouse.", "Disrupted weapons use"),
        ("Engineers destroyed the shells in a controlled explosion.", "Disrupted weapons use"),
        # A trigger that is itself a passive ("were beaten ... by the police") has its target
        # before it; "were reported to have beaten" is active.
        ("Four journalists were severely beaten and then arrested by the police.", "Attack"),
        ("Police and militia personnel were reported to have beaten displaced people at the camp.",
         "Attack"),
        # A victim the report says was in a gang or had charges for trafficking: a gang fight.
        ("A man was shot dead in the street by two armed men. The victim had charges against him "
         "for drug trafficking.", "Armed clash"),
        ("A man was shot dead in the street by two armed men. The victim was a teacher.", "Attack"),
        # People who attack the police or fight them are a mob; people hurt are not.
        ("About 200 people attacked police officers with stones after an arrest.", "Mob violence"),
        ("Clashes broke out in the old city between Palestinians and Israeli forces.",
         "Mob violence"),
        ("Four people were injured in a drive-by shooting by armed men in a car.", "Attack"),
        ("Unidentified persons shot dead a shopkeeper in the market.", "Attack"),
        # Clans that fight are identity militias (ACLED's armed clash), not a crowd.
        ("Clan-based clashes erupted around the town, leaving dozens dead.", "Armed clash"),
        ("Pro-government forces responded to rebel shelling west of the city.", "Armed clash"),
        # Forces on the move, security measures and a group's activity short of violence.
        ("Two Turkish military convoys entered Idleb via the Kafr Lusin crossing.",
         "Change to group/activity"),
        ("The government began enforcing a three-day curfew in 31 provinces.",
         "Change to group/activity"),
        ("The governor closed all border crossings of the province to curb the virus.",
         "Change to group/activity"),
        ("Members of the cartel delivered food packages to families in the town.",
         "Change to group/activity"),
        # Protests told by their demands, and violent ones by their barricades and damage.
        ("Workers of a textile factory demanded their unpaid wages outside the plant.",
         "Peaceful protest"),
        ("Traders demonstrated and barricaded the roads leading to the market.",
         "Violent demonstration"),
        ("Teachers went on strike and barricaded themselves into the ministry's office.",
         "Peaceful protest"),
        ("Prisoners demonstrated over a search of their cells. Chairs were burnt and property "
         "destroyed.", "Violent demonstration"),
        # What a protest is against, told before it or with "in protest of", is its grievance;
        # a participle after a determiner describes property ("their looted savings").
        ("Mothers who say their sons were abducted by the militia held a sit-in outside the "
         "governor's office.", "Peaceful protest"),
        ("Dozens of students gathered at the university in protest of the kidnapping of a "
         "lecturer last month.", "Peaceful protest"),
        ("Depositors rallied outside the central bank to demand the return of their looted "
         "savings.", "Peaceful protest"),
        ("Protesters looted shops on the main street.", "Violent demonstration"),
        # An attack on property that harms no one is looting or property destruction; shots at a
        # house, or anyone hurt, make it an attack on the people in it.
        ("Militants raided several homes in the village and took away grain and motorbikes.",
         "Looting/property destruction"),
        ("A gas pipeline was attacked by unidentified armed men near the town.",
         "Looting/property destruction"),
        ("Gunmen attacked and burned a primary school overnight.", "Looting/property destruction"),
        ("Gunmen attacked a primary school, wounding two teachers.", "Attack"),
        ("Armed men started shooting at two houses on the outskirts of the town.", "Attack"),
        ("Insurgents carried out a remote explosive attack on a cement factory.",
         "Remote explosive/landmine/IED"),
        # Planes written as two words, and strikes that kill: a state's bombing told plainly.
        ("Syrian war planes bombed positions of the group for a second day.", "Air/drone strike"),
        ("Russian strikes kill 34 civilians in Deir Ezzor.", "Air/drone strike"),
        ("Missile strikes killed four people in Kharkiv.", "Shelling/artillery/missile attack"),
        # A stray bullet that hit someone; a crowd dispersed or gathered to condemn; property set
        # alight or burnt.
        ("A bullet hit and injured a man at his house.", "Attack"),
        ("Police dispersed about 180 migrant labourers who demanded to go home.",
         "Protest with intervention"),
        ("Party supporters gathered in Rashayya and condemned the arrests.", "Peaceful protest"),
        ("Journalists gathered in Tizi Ouzou to commemorate press freedom day.", "Peaceful protest"),
        ("Unidentified men burnt the tribune of the town's stadium.", "Looting/property destruction"),
        ("The car of an aid worker was set alight overnight.", "Looting/property destruction"),
        # "regained" with the ground it took back; a headline's title case too.
        ("The Syrian army regained Khatab town and nearby farms.", "Government regains territory"),
        ("Syrian Army Regains Several Towns in Hamah", "Government regains territory"),
        # An aside between the blast and its verb; one thrown stone is one person's attack;
        # officials and poll monitors beaten are victims as villagers are.
        ("An explosion, whose cause was not known, went off near the bakery.",
         "Remote explosive/landmine/IED"),
        ("A passer-by threw a stone at a nurse outside the clinic.", "Attack"),
        ("Ruling party supporters beat two election monitors outside the polling station.",
         "Mob violence"),
        # A suicide bomber is no aircraft.
        ("A suicide bomber attacked a police convoy on the highway.", "Suicide bomb"),
        # "the coalition fighting in Yemen" describes who spoke; a gunship that attacked is an
        # aircraft; a truce agreed "on Wednesday" is agreed all the same.
        ("Air defences intercepted a ballistic missile over Riyadh, the coalition fighting in "
         "Yemen said.", "Disrupted weapons use"),
        ("A gunship that attacked the hospital fired for half an hour.", "Air/drone strike"),
        ("The government and the rebels agreed on Wednesday to a cessation of hostilities.",
         "Agreement"),
        ("Security forces stormed the sit-in outside army headquarters, firing on "
         "demonstrators.", "Excessive force against protesters"),
        ("The air force dropped its largest non-nuclear bomb on a tunnel network.",
         "Air/drone strike"),
        # "protesting citizens" are the protesters, not what they protest.
        ("Dozens of protesting citizens were dispersed by police in the main square.",
         "Protest with intervention"),
        ("Protesting residents were beaten and dragged into police cars outside city hall.",
         "Protest with intervention"),
        # "Liberation" inside a group's name is no capture.
        ("The Tigray People's Liberation Front signed a truce with the government.", "Agreement"),
    ],
)
def test_sub_event_types(text: str, sub_event_type: str) -> None:
    found = classify(text)
    assert found is not None and found.sub_event_type == sub_event_type
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize(
    "text",
    [
        "The government ruled out sending troops to the region.",
        "Rebels could attack the city within days, analysts said.",
        "The militia vowed to retake the town.",
        "The ministry denied shelling the village.",
        "Officials warned of an imminent offensive.",
        "The minister held talks with his counterpart about trade.",
        "Floods killed 30 people in the north.",
        "An aid convoy entered the town on Monday.",
        "Prices fell in March.",
        # A demand is a protest when a crowd makes it.
        "The minister demanded an explanation from the embassy.",
        "Shares in the company fell to a record low, and the index fell to 4,000.",
        "Workers' strikes hit the port of Lagos on Monday.",
        "The striker regained his place in the side after two weeks out.",
        "The ruling party regained a majority in the city council.",
        "The crowd dispersed peacefully after the match.",
        "Police dispersed the suspects after a brief chase.",
        "Eritrean troops who fought alongside the federal army were not party to the talks.",
        "Aid planes dropped food parcels over the besieged town.",
    ],
)
def test_nothing_happened(text: str) -> None:
    assert classify(text) is None


def test_modality_is_recorded() -> None:
    (trigger,) = [t for t in find_triggers("Rebels could attack the city.") if t.text == "attack"]
    assert not trigger.factual and trigger.cue == "could"


def test_recent_fighting_is_background() -> None:
    # Fighting named as the background of a report ("after the recent fighting") is no new event.
    (trigger,) = [t for t in find_triggers("Troops deployed to the port after the recent fighting.")
                  if t.text == "fighting"]
    assert not trigger.factual and trigger.cue == "after the recent"
