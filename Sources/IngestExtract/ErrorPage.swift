import Foundation

/// A page a site serves with status 200 in place of the one asked for: "page not found" (a
/// soft 404), a server error, a maintenance notice or a bot check ("Just a moment..."); a
/// placeholder where the site was (a parked domain, a suspended account, a server's default
/// page); a directory listing; a sign-in form. Sync must not store one as a story, nor as a
/// new revision of a story it holds. The page says what it is by the address a missing one is
/// redirected to (`addressed`), by its body's class (WordPress marks its 404 template
/// `error404`), or in its title or headline, in the site's language (`headline`). A consent
/// wall stands in for the page too: its text is the cookie notice (`isConsentWall`).
enum ErrorPage {
    /// What a page in place of the one asked for is, as its refusal names it.
    enum Kind: String, Sendable {
        case error = "error page"
        case placeholder = "placeholder page"
        case directory = "directory listing"
        case signIn = "sign-in page"
    }

    /// The class or id token of the page's `html`, `body` or `main` element that names an
    /// error page's template, if any: an answer on its own, whatever the length of the text (a
    /// 404 template may list the latest stories; WordPress's `wp_die` page, "Error establishing
    /// a database connection", is `<body id="error-page">`).
    static func template(_ tree: PageTree) -> String? {
        for element in tree.elements.prefix(64) where ["html", "body", "main"].contains(element.tag) {
            let tokens = ["class", "id"].flatMap { (element.attribute($0) ?? "").split(whereSeparator: \.isWhitespace) }
            if let token = tokens.first(where: { templateClasses.contains(squeezed($0)) }) { return String(token) }
        }
        return nil
    }

    /// The last part of an address's path when it names a missing page's template
    /// ("/page-not-found/", "/errors/error-404.html"; a bare "404" only as the whole path, as
    /// "/news/404" may be story number 404), where a site redirects an address it no longer
    /// has, or a sign-in form ("/account/login?next=…", "/signin.php"), where a wall redirects
    /// a story's address; and what it names.
    static func addressed(_ address: String) -> (name: String, kind: Kind)? {
        var path = Substring(address)
        if let scheme = path.range(of: "://") { path = path[scheme.upperBound...].drop { $0 != "/" } }
        let parts = path.prefix { $0 != "?" && $0 != "#" }.split(separator: "/")
        guard let last = parts.last else { return nil }
        let stem = squeezed(last.split(separator: ".").first ?? last)
        if templateClasses.contains(stem) && (stem != "404" || parts.count == 1) { return (String(last), .error) }
        return signInStems.contains(stem) ? (String(last), .signIn) : nil
    }

    /// Address stems (squeezed) of sign-in forms.
    static let signInStems: Set<String> = ["login", "signin", "logon", "anmelden", "connexion", "iniciarsesion", "accedi"]

    /// The first of `headlines` (the page's title, its `<h1>`, the first heading of its main
    /// text) that reads as a page in place of the one asked for, and what it says the page is.
    /// Such a headline is short: a longer one is not read (a hostile page's 10 MB title took
    /// 24 s to search).
    static func headline(_ headlines: [Headline]) -> (headline: String, kind: Kind)? {
        for headline in headlines where headline.text.utf8.count <= maxHeadlineBytes {
            // A page's first `<h1>` may be a dialog's ("Log In" over a story): it names no sign-in page.
            if let kind = says(headline.text), !(headline.isFirstH1 && kind == .signIn) { return (headline.text, kind) }
        }
        return nil
    }

    /// A title or heading of the page, and whether it is the page's first `<h1>`.
    struct Headline {
        var text: String
        var isFirstH1 = false
    }

    static let maxHeadlineBytes = 300

    /// What a headline says the page is, if it reads as an error, a maintenance notice, a bot
    /// check, a placeholder, a directory listing or a sign-in form. A "missing" phrase counts
    /// when the headline names a page ("Seite nicht gefunden", "Sorry, we couldn't find that
    /// page") or a part of it is the phrase and little else ("Not Found", "500 Internal Server
    /// Error"): "Missing hiker not found" is a story; a removal only about a page ("This article
    /// has been removed"). Words a story may open with ("Coming soon", "Sign in") count as all of
    /// a part; prompts ("Sign in to keep reading") as its start.
    static func says(_ headline: String) -> Kind? {
        let text = " " + headline.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        let words = Set(text.split { !$0.isLetter }.map(String.init))
        let parts = text.split { "|–—-:·»".contains($0) }
        // A phrase is matched at word edges, so its first word must be one of the headline's
        // (in scripts written with spaces): a set lookup spares most searches.
        let mayHold = { (phrase: String) in firstWords[phrase].map(words.contains) ?? true }
        let has = { (phrase: String) in mayHold(phrase) && holds(text, phrase) }
        /// Whether a part of the headline is `phrase` and at most one word more.
        func isAPart(_ phrase: String) -> Bool {
            guard mayHold(phrase) else { return false }
            let phraseWords = phrase.split { !$0.isLetter }.count
            return parts.contains { holds($0, phrase) && $0.split { !$0.isLetter }.count <= phraseWords + 1 }
        }
        if botChecks.contains(where: has) { return .error }
        if placeholders.contains(where: has) || placeholderParts.contains(where: isAPart)
            || (forSale.contains(where: has) && text.split(separator: " ").contains(where: isDomainName)) {
            return .placeholder
        }
        if text.trimmingCharacters(in: .whitespaces).hasPrefix("index of /") { return .directory }
        let starts = parts.map { $0.trimmingCharacters(in: .whitespaces) }
        let opensWith = { (prompt: String) in
            starts.contains { $0.hasPrefix(prompt) && !($0.dropFirst(prompt.count).first?.isLetter ?? false) }
        }
        if signInParts.contains(where: isAPart) || signInPrompts.contains(where: opensWith) {
            return .signIn
        }
        let aboutAPage = !words.isDisjoint(with: pageWords) || pageMarks.contains(where: text.contains)
        for phrase in missing where has(phrase) {
            if aboutAPage || isAPart(phrase) { return .error }
        }
        if aboutAPage, removed.contains(where: has) { return .error }
        // "404" as a word (not "14045") and as an error: alone between the title's separators
        // ("404 | Example News"), or by a word for error ("Fehler 404"). "The 404 Podcast" is a show.
        let isWord = text.ranges(of: "404").contains { range in
            !text[text.index(before: range.lowerBound)].isNumber && !text[range.upperBound].isNumber
        }
        guard isWord else { return nil }
        return starts.contains("404") || !words.isDisjoint(with: errorWords) ? .error : nil
    }

    /// Whether `text` holds `phrase` as words of its own: "log in" is not in "catalog index",
    /// nor "sign in" in "sign inside". Scripts written without spaces (Chinese, Japanese) have
    /// no word edges to check.
    static func holds(_ text: some StringProtocol, _ phrase: String) -> Bool {
        // Most phrases are not in a headline at all: the plain search rules them out fast.
        guard text.contains(phrase) else { return false }
        func joins(_ neighbour: Character?, _ edge: Character?) -> Bool {
            guard let neighbour, let edge, neighbour.isLetter, edge.isLetter else { return false }
            return (edge.unicodeScalars.first?.value ?? 0) < 0x3000
        }
        return text.ranges(of: phrase).contains { range in
            !joins(range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : nil, phrase.first)
                && !joins(range.upperBound < text.endIndex ? text[range.upperBound] : nil, phrase.last)
        }
    }

    /// Whether a word of a headline is a domain name ("example-news.com!"): a parked domain's
    /// page offers itself by name.
    static func isDomainName(_ word: Substring) -> Bool {
        let labels = word.trimmingCharacters(in: .punctuationCharacters).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return false }
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }
    }

    /// Whether a short main text is a consent wall's: it names cookies and speaks of consent,
    /// privacy or partners, and two thirds of its letters are in paragraphs about them: each
    /// naming a cookie or two of those words. A story about baking ("freshly baked cookies",
    /// "cookie sheets") speaks of no consent; a story that mentions privacy once, over a kept
    /// footer of "Privacy Policy | Cookie Settings", is mostly story.
    static func isConsentWall(_ text: String) -> Bool {
        let lowered = text.lowercased()
        guard cookieWords.contains(where: lowered.contains), consentWords.contains(where: lowered.contains) else { return false }
        var total = 0, consent = 0
        for paragraph in lowered.split(separator: "\n\n") {
            let count = letters(paragraph)
            total += count
            if cookieWords.contains(where: paragraph.contains) || consentWords.filter(paragraph.contains).count >= 2 { consent += count }
        }
        return consent * 3 >= total * 2
    }

    static let consentReason = "consent wall: the text asks to accept cookies, not a story"

    /// Whether a page without a story shows a consent banner and little else: the first box
    /// named for consent (`Boilerplate.consentWords`) holds half the letters of the body, names
    /// a cookie and speaks of consent. The text dropped it as furniture, leaving "empty page".
    static func showsOnlyConsent(_ tree: PageTree) -> Bool {
        let elements = tree.elements
        guard let body = elements.firstIndex(where: { $0.tag == "body" }),
              let box = elements.indices.first(where: { elements[$0].words.contains(where: Boilerplate.consentWords.contains) })
        else { return false }
        let notice = tree.text(of: box).lowercased()
        return letters(notice) * 2 >= letters(tree.text(of: body))
            && cookieWords.contains(where: notice.contains) && consentWords.contains(where: notice.contains)
    }

    /// Words for a cookie, in the languages that do not say "cookie".
    static let cookieWords = ["cookie", "çerez", "eväste", "kakor", "ciasteczk", "sütik"]
    /// Words a cookie notice asks or explains with, lower-case, a stem where a language bends them.
    static let consentWords = [
        "consent", "privacy", "partners", "personalised", "personalized", "einwillig", "zustimm", "datenschutz",
        "consentement", "confidentialité", "partenaires", "consentimiento", "privacidad", "consenso",
        "consentimento", "privacidade", "parceiros", "toestemming", "samtycke", "integritet", "samtykke",
        "personvern", "zgod", "prywatnoś", "souhlas", "soukromí", "согласи", "конфиденциальн", "gizlilik", "yksityisyy",
    ]

    private static func letters(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.filter { $0.properties.isAlphabetic }.count
    }

    /// A class token without case, dashes or underscores.
    private static func squeezed(_ token: Substring) -> String {
        token.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    /// Class and id tokens and address stems (squeezed) of the templates sites serve for a
    /// missing page or an error.
    static let templateClasses: Set<String> = [
        "404", "error404", "page404", "404page", "is404", "notfound", "pagenotfound", "errorpage404", "errorpage",
    ]

    /// Words for "error" that make a "404" in a headline an error code.
    static let errorWords: Set<String> = ["error", "fehler", "erreur", "errore", "erro", "fout", "hata", "błąd", "ошибка", "oops"]

    /// Titles of the pages anti-bot services put before a site.
    static let botChecks = ["just a moment...", "checking your browser", "verify you are human", "are you a robot",
                            "attention required! | cloudflare", "ddos protection by", "access to this page has been denied",
                            "pardon our interruption", "verify you are a human", "are you a human", "press & hold"]

    /// What a parked domain, a suspended hosting account or a web server's default page is
    /// titled, anywhere in a headline.
    static let placeholders = [
        "domain is for sale", "domain for sale", "buy this domain", "domain has expired",
        "domain name has expired", "this domain is parked", "domain ist zu verkaufen", "domain steht zum verkauf",
        "domaine est à vendre", "dominio está a la venta", "dominio in vendita",
        "account has been suspended", "website has been suspended", "site has been suspended", "bandwidth limit exceeded",
        "welcome to nginx", "apache2 ubuntu default page", "apache2 debian default page", "test page for the apache",
        "apache http server test page", "test page for the nginx", "iis windows server", "default web site page",
        "web server's default page", "default parallels plesk page",
    ]
    /// "… is for sale", counted by a domain name: "example.com is for sale!".
    static let forSale = ["is for sale", "may be for sale", "ist zu verkaufen", "steht zum verkauf", "est à vendre",
                          "está a la venta", "se vende", "è in vendita", "te koop"]
    /// The same, as all of a part of a headline: "Coming soon" may open a story's headline.
    static let placeholderParts = [
        "coming soon", "under construction", "account suspended", "website coming soon",
        "demnächst verfügbar", "im aufbau", "bientôt disponible", "en construction", "próximamente", "en construcción",
        "prossimamente", "in costruzione", "em construção", "em breve", "binnenkort beschikbaar", "in aanbouw", "w budowie",
    ]
    /// A sign-in form's headline, as all of a part of it.
    static let signInParts = [
        "sign in", "log in", "login", "sign in to your account", "log in to your account", "anmelden", "einloggen",
        "connexion", "se connecter", "iniciar sesión", "accedi", "inloggen", "logga in", "log ind", "logg inn",
        "zaloguj się", "вход", "ログイン", "登录", "로그인",
    ]
    /// The prompts a wall that asks the reader to sign in or subscribe opens a headline with.
    static let signInPrompts = [
        "sign in to continue", "log in to continue", "login to continue", "sign in to keep reading",
        "log in to keep reading", "sign in to read", "log in to read", "subscribe to continue reading",
        "subscribe to keep reading", "subscribe to read", "register to continue reading",
        "create a free account to continue", "create an account to continue", "melden sie sich an, um weiterzulesen",
        "connectez-vous pour lire", "inicia sesión para seguir leyendo",
    ]

    /// "Not found", "no longer exists", "server error", "under maintenance", "unavailable in your
    /// country", "age verification", as sites word them in the languages they are most often
    /// written in; lower-case.
    static let missing = [
        // English
        "not found", "can't be found", "cannot be found", "could not be found", "couldn't be found", "couldn't find",
        "does not exist", "doesn't exist", "no longer exists", "no longer available", "server error", "410 gone",
        "service unavailable", "bad gateway", "access denied", "under maintenance", "down for maintenance",
        "can't find", "cannot find", "could not find", "unable to find", "not available", "temporarily unavailable",
        "something went wrong", "an error occurred", "an error has occurred", "403 forbidden", "401 unauthorized",
        "currently unavailable", "not available in your", "unavailable in your", "unavailable for legal reasons",
        "unavailable due to legal reasons", "age verification", "verify your age", "are you of legal drinking age",
        "error establishing a database connection",
        // German, Dutch, Scandinavian, Finnish
        "nicht gefunden", "existiert nicht", "nicht mehr verfügbar", "wartungsarbeiten", "zugriff verweigert",
        "ist ein fehler aufgetreten",
        "niet gevonden", "bestaat niet", "hittades inte", "finns inte", "ikke fundet", "ikke funnet",
        "findes ikke", "finnes ikke", "ei löytynyt",
        // French, Spanish, Italian, Portuguese
        "introuvable", "n'existe pas", "n'existe plus", "non trouvée", "en maintenance", "accès refusé",
        "une erreur est survenue", "une erreur s'est produite",
        "no encontrada", "no encontrado", "no existe", "acceso denegado", "en mantenimiento",
        "se ha producido un error", "ha ocurrido un error",
        "non trovata", "non trovato", "non esiste", "in manutenzione", "si è verificato un errore",
        "não encontrada", "não encontrado", "não existe", "em manutenção",
        // Polish, Czech, Hungarian, Russian, Ukrainian, Greek, Turkish
        "nie znaleziono", "nie została znaleziona", "nie istnieje", "nebyla nalezena", "nenalezena",
        "nem található", "не найден", "не найдена", "не найдено", "не существует", "не знайдено", "δεν βρέθηκε", "bulunamadı",
        // Arabic, Hebrew, Japanese, Chinese, Korean
        "غير موجودة", "لم يتم العثور", "לא נמצא", "לא נמצאה", "見つかりません", "存在しません", "不存在", "找不到", "찾을 수 없",
    ]

    /// The first word of each phrase of `says` written with spaces between words.
    private static let firstWords: [String: String] = {
        var table: [String: String] = [:]
        for phrase in botChecks + placeholders + forSale + placeholderParts + signInParts + missing + removed {
            guard let first = phrase.split(whereSeparator: { !$0.isLetter }).first,
                  (first.unicodeScalars.first?.value ?? 0) < 0x3000 else { continue }
            table[phrase] = String(first)
        }
        return table
    }()

    /// "Has been removed", counted only about a page ("This article has been removed"): all of a
    /// short headline, it is news ("Tree was removed").
    static let removed = [
        "has been removed", "was removed", "has been deleted", "wurde entfernt", "wurde gelöscht", "a été supprimé",
        "a été supprimée", "ha sido eliminado", "ha sido eliminada", "è stato rimosso", "è stata rimossa", "foi removido",
        "foi removida",
    ]

    /// Words that name a page, its address or a site, which a "missing" phrase is about on an
    /// error page.
    static let pageWords: Set<String> = [
        "page", "seite", "webseite", "website", "site", "sitio", "sito", "página", "pagina", "sidan", "sida", "siden",
        "sivua", "sivu", "strona", "stránka", "oldal", "σελίδα", "страница", "страницы", "сторінку", "sayfa",
        "url", "address", "adresse", "link", "lien", "enlace", "article", "artikel", "artículo", "articolo", "story",
        "beitrag", "content", "inhalt", "contenu", "contenido", "contenuto", "conteúdo", "video", "document", "dokument",
    ]
    /// The same in scripts written without spaces between words.
    static let pageMarks = ["ページ", "页面", "頁面", "网页", "網頁", "페이지", "הדף", "העמוד", "الصفحة"]
}
