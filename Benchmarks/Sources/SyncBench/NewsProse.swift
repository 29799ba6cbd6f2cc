/// English news prose for the benchmark world (`generate --prose news`): stories written from
/// a few dozen sentence templates per beat, filled with each story's own people, places,
/// organisations and figures, as agency copy and synthetic test worlds often are. Different
/// stories on one beat share most of their wording and differ in names and numbers, which
/// is what a deduplicator must not mistake for copies (`Prose` draws random pseudo-words, so
/// its stories share almost nothing).
enum NewsProse {
    static let firstNames = ["Maria", "James", "Aisha", "Daniel", "Elena", "Tomas", "Grace", "Omar", "Sofia", "Peter",
                             "Hannah", "Rahul", "Laura", "Samuel", "Yuki", "Carlos", "Ingrid", "Kwame", "Nadia", "Victor"]
    static let lastNames = ["Okafor", "Lindqvist", "Moreau", "Castillo", "Brennan", "Novak", "Haddad", "Fischer",
                            "Tanaka", "Alvarez", "Kowalski", "Mensah", "Petrov", "Sullivan", "Rossi", "Nakamura",
                            "Dubois", "Ferreira", "Janssen", "Osei"]
    static let cities = ["Riverton", "Port Ellis", "Northbridge", "Ashford", "Kingsvale", "Lakemont", "Eastholm",
                         "Brackwater", "Summerfield", "Greyhaven", "Westmoor", "Oakridge", "Millbrook", "Stonegate"]
    static let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// A beat: its organisations and the sentences its stories are written from.
    struct Beat {
        var organisations: [String]
        var sentences: [String]
    }

    /// Slots: {A}/{B} a person's full name, {a}/{b} their surname, {O} the organisation,
    /// {C} the city, {D} a weekday, {N} a small number, {P} a percentage, {M} an amount.
    static let beats: [Beat] = [
        Beat(organisations: ["Ministry of Finance", "Central Bank", "National Statistics Office", "Chamber of Commerce"],
             sentences: [
                "The {O} said on {D} that inflation rose to {P} percent in the year to October, the highest level in {N} years.",
                "{A}, chief economist at the {O}, said the figures showed that price pressures were spreading beyond energy and food.",
                "Analysts polled before the release had expected a reading of {P} percent, and markets in {C} fell after the announcement.",
                "The government has promised a package worth {M} to help households cope with rising bills over the winter.",
                "{b} said the {O} would not hesitate to act again if wage growth continued to outpace productivity.",
                "Business groups in {C} warned that higher borrowing costs were already forcing small firms to cut investment plans.",
                "The next set of figures is due in {N} weeks, when the {O} will also publish its updated forecasts for growth.",
                "{B}, who advises several regional banks, said the outlook for the coming year remained highly uncertain.",
             ]),
        Beat(organisations: ["City Council", "Regional Transport Authority", "Department of Housing", "Planning Commission"],
             sentences: [
                "The {O} voted {N} to 3 on {D} to approve a plan that would build thousands of new homes on the edge of {C}.",
                "{A}, who chairs the {O}, said the decision would ease a housing shortage that has pushed rents up by {P} percent.",
                "Residents who opposed the plan said the roads and schools in the area could not cope with so many new families.",
                "The project is expected to cost {M} and will be paid for partly by developers and partly by a regional grant.",
                "{b} told reporters in {C} that construction could begin as early as next spring if no legal challenge is filed.",
                "A public consultation last year drew more than {N} thousand responses, most of them critical of the original design.",
                "Opposition members of the {O} said they would keep pressing for more affordable units and better public transport.",
                "{B}, a local business owner, said the new homes would bring customers but also years of noise and traffic.",
             ]),
        Beat(organisations: ["National Weather Service", "Emergency Management Agency", "Coast Guard", "Fire and Rescue Service"],
             sentences: [
                "Heavy rain and strong winds battered {C} on {D}, flooding roads and cutting power to about {N} thousand homes.",
                "The {O} issued a red warning for the coastal districts and urged people not to travel unless it was essential.",
                "{A}, a spokesperson for the {O}, said crews had rescued dozens of people from cars trapped by rising water.",
                "Forecasters said up to {N} centimetres of rain could fall in some areas before the storm moves out to sea.",
                "Schools in {C} and the surrounding towns will stay closed until the damage to bridges and roads has been assessed.",
                "{b} said it was too early to estimate the cost of the damage but that it would likely run to {M}.",
                "Residents described water rising to the height of a door within minutes as rivers burst their banks overnight.",
                "{B}, who has lived in the area for {N} years, said she had never seen flooding on this scale before.",
             ]),
        Beat(organisations: ["Ministry of Health", "University Hospital", "Public Health Institute", "Medical Association"],
             sentences: [
                "The {O} said on {D} that waiting times for routine operations had risen by {P} percent over the past year.",
                "{A}, who leads the {O}, said staff shortages and an ageing population were putting hospitals under strain.",
                "Patients in {C} now wait an average of {N} weeks for a hip or knee replacement, according to the report.",
                "The government has pledged {M} to recruit more nurses and to open new surgical centres outside the big cities.",
                "{b} said the money was welcome but would take years to make a difference to patients on the waiting lists.",
                "Doctors' representatives warned that many experienced staff were leaving for better paid jobs abroad.",
                "The report also found that emergency departments in {C} had missed their targets in {N} of the last twelve months.",
                "{B}, a retired teacher who has waited more than a year for surgery, said she felt forgotten by the system.",
             ]),
        Beat(organisations: ["Football Association", "National Olympic Committee", "Premier League", "Athletics Federation"],
             sentences: [
                "{A} scored twice as {C} beat their rivals {N}-1 on {D} to move to the top of the table.",
                "The win was their {N}th in a row and extended a run that has surprised even their own supporters.",
                "{b}, who joined the club last summer for {M}, has now scored in each of his last five matches.",
                "The {O} said it would review the incidents that led to a second-half stoppage after fans threw objects onto the pitch.",
                "The coach, {B}, said his players had shown great character after falling behind in the opening minutes.",
                "Ticket sales at the stadium in {C} have risen by {P} percent this season, according to figures from the {O}.",
                "The team travel to play their closest challengers next week in what is expected to be a decisive match.",
                "Supporters celebrated late into the night in the centre of {C}, where police reported only minor incidents.",
             ]),
        Beat(organisations: ["Ministry of Justice", "Supreme Court", "Prosecutor's Office", "Police Department"],
             sentences: [
                "A court in {C} on {D} sentenced {A} to {N} years in prison for fraud involving more than {M}.",
                "Prosecutors said the scheme had targeted pensioners who were persuaded to invest their savings in fake funds.",
                "{b} denied the charges throughout the trial and his lawyers said they would appeal against the verdict.",
                "The {O} said the case was one of the largest of its kind and that more arrests could follow.",
                "Victims told the court they had lost their homes and their savings after trusting the men behind the scheme.",
                "{B}, a spokesperson for the {O}, said investigators had traced payments through companies in {N} countries.",
                "The judge said the sentence reflected the harm done to vulnerable people and the need to deter others.",
                "Police in {C} urged anyone who believed they had been targeted by similar schemes to come forward.",
             ]),
    ]

    /// Sentences any beat uses.
    static let common = [
        "The announcement comes at a difficult time for the government, which faces elections in {N} months.",
        "{a} said in a statement that the decision had been taken after careful consideration of all the options.",
        "Officials in {C} said they were studying the details and would respond in the coming days.",
        "Critics said the measures did not go far enough and called for a full independent review.",
        "The {O} did not respond to a request for comment on {D} evening.",
        "Local media in {C} reported that the matter had been discussed at a closed meeting earlier in the week.",
        "{A} said the coming weeks would show whether the approach was working, adding that nothing had been ruled out.",
        "More than {N} hundred people gathered outside the offices of the {O} in {C} to voice their concerns.",
    ]

    /// Six paragraphs of two or three sentences for story `seed`, on one beat with its own cast:
    /// 12 to 18 sentences drawn from its beat's 16 (all 16 before any repeats), so two stories
    /// on one beat share most of their sentences.
    static func paragraphs(seed: Int) -> [String] {
        var random = Random(seed: UInt64(truncatingIfNeeded: seed) &* 0xD1B5_4A32_D192_ED03 &+ 3)
        func pick<T>(_ list: [T]) -> T { list[Int(random.next() % UInt64(list.count))] }
        let beat = pick(beats)
        let people = (0..<2).map { _ in (first: pick(firstNames), last: pick(lastNames)) }
        let organisation = pick(beat.organisations), city = pick(cities), day = pick(days)
        var pool = beat.sentences + common
        return (0..<6).map { _ in
            (0..<(2 + Int(random.next() % 2))).map { _ in
                if pool.isEmpty { pool = beat.sentences + common }
                let template = pool.remove(at: Int(random.next() % UInt64(pool.count)))
                return fill(template, people: people, organisation: organisation, city: city, day: day, random: &random)
            }.joined(separator: " ")
        }
    }

    private static func fill(_ template: String, people: [(first: String, last: String)], organisation: String,
                             city: String, day: String, random: inout Random) -> String {
        var out = ""
        var chars = template.makeIterator()
        while let c = chars.next() {
            guard c == "{", let slot = chars.next() else { out.append(c); continue }
            _ = chars.next()  // "}"
            switch slot {
            case "A": out += people[0].first + " " + people[0].last
            case "B": out += people[1].first + " " + people[1].last
            case "a": out += people[0].last
            case "b": out += people[1].last
            case "O": out += organisation
            case "C": out += city
            case "D": out += day
            case "N": out += String(2 + random.next() % 18)
            case "P": out += String(1 + random.next() % 9) + "." + String(random.next() % 10)
            default: out += String(10 + random.next() % 490) + " million dollars"
            }
        }
        return out
    }
}
