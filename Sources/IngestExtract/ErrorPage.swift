import Foundation

/// A page a site serves with status 200 in place of the one asked for: "page not found" (a
/// soft 404), a server error, a maintenance notice or a bot check ("Just a moment..."). Sync
/// must not store one as a story, nor as a new revision of a story it holds. The page says
/// what it is by the address a missing one is redirected to (`addressed`), by its body's
/// class (WordPress marks its 404 template `error404`), or in its title or headline, in the
/// site's language (`headline`). A consent wall stands in for the page too: its text is the
/// cookie notice (`isConsentWall`).
enum ErrorPage {
    /// The class token of the page's `html`, `body` or `main` element that names a missing
    /// page's template, if any: an answer on its own, whatever the length of the text (a
    /// 404 template may list the latest stories).
    static func template(_ tree: PageTree) -> String? {
        for element in tree.elements.prefix(64) where ["html", "body", "main"].contains(element.tag) {
            let tokens = (element.attribute("class") ?? "").split(whereSeparator: \.isWhitespace)
            if let token = tokens.first(where: { templateClasses.contains(squeezed($0)) }) { return String(token) }
        }
        return nil
    }

    /// The last part of an address's path when it names a missing page's template
    /// ("/page-not-found/", "/errors/error-404.html"; a bare "404" only as the whole path, as
    /// "/news/404" may be story number 404): where a site redirects an address it no longer has.
    static func addressed(_ address: String) -> String? {
        var path = Substring(address)
        if let scheme = path.range(of: "://") { path = path[scheme.upperBound...].drop { $0 != "/" } }
        let parts = path.prefix { $0 != "?" && $0 != "#" }.split(separator: "/")
        guard let last = parts.last else { return nil }
        let stem = squeezed(last.split(separator: ".").first ?? last)
        return templateClasses.contains(stem) && (stem != "404" || parts.count == 1) ? String(last) : nil
    }

    /// The first of `headlines` (the page's title, its `<h1>`, the first heading of its main
    /// text) that reads as an error, a maintenance notice or a bot check. An error's headline
    /// is short: a longer one is not read (a hostile page's 10 MB title took 24 s to search).
    static func headline(_ headlines: [String]) -> String? {
        headlines.first { $0.utf8.count <= maxHeadlineBytes && says($0) }
    }

    static let maxHeadlineBytes = 300

    /// Whether a headline reads as an error, a maintenance notice or a bot check. A
    /// "missing" phrase counts when the headline names a page ("Seite nicht gefunden", "Sorry,
    /// we couldn't find that page") or a part of it is the phrase and little else ("Not
    /// Found", "500 Internal Server Error"): "Missing hiker not found" is a story.
    static func says(_ headline: String) -> Bool {
        let text = " " + headline.lowercased().replacingOccurrences(of: "’", with: "'") + " "
        if botChecks.contains(where: text.contains) { return true }
        let words = Set(text.split { !$0.isLetter }.map(String.init))
        let parts = text.split { "|–—-:·»".contains($0) }
        for phrase in missing where text.contains(phrase) {
            if !words.isDisjoint(with: pageWords) || pageMarks.contains(where: text.contains) { return true }
            let phraseWords = phrase.split { !$0.isLetter }.count
            if parts.contains(where: { $0.contains(phrase) && $0.split { !$0.isLetter }.count <= phraseWords + 1 }) { return true }
        }
        // "404" as a word (not "14045") and as an error: alone between the title's separators
        // ("404 | Example News"), or by a word for error ("Fehler 404"). "The 404 Podcast" is a show.
        let isWord = text.ranges(of: "404").contains { range in
            !text[text.index(before: range.lowerBound)].isNumber && !text[range.upperBound].isNumber
        }
        guard isWord else { return false }
        return parts.contains { $0.trimmingCharacters(in: .whitespaces) == "404" } || !words.isDisjoint(with: errorWords)
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
            let letters = paragraph.unicodeScalars.filter { $0.properties.isAlphabetic }.count
            total += letters
            if cookieWords.contains(where: paragraph.contains) || consentWords.filter(paragraph.contains).count >= 2 { consent += letters }
        }
        return consent * 3 >= total * 2
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

    /// A class token without case, dashes or underscores.
    private static func squeezed(_ token: Substring) -> String {
        token.lowercased().filter { $0 != "-" && $0 != "_" }
    }

    /// Class tokens and address stems (squeezed) of the templates sites serve for a missing page.
    static let templateClasses: Set<String> = ["404", "error404", "page404", "404page", "is404", "notfound", "pagenotfound", "errorpage404"]

    /// Words for "error" that make a "404" in a headline an error code.
    static let errorWords: Set<String> = ["error", "fehler", "erreur", "errore", "erro", "fout", "hata", "błąd", "ошибка", "oops"]

    /// Titles of the pages anti-bot services put before a site.
    static let botChecks = ["just a moment...", "checking your browser", "verify you are human", "are you a robot",
                            "attention required! | cloudflare", "ddos protection by"]

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
        "nem található", "не найден", "не существует", "не знайдено", "δεν βρέθηκε", "bulunamadı",
        // Arabic, Hebrew, Japanese, Chinese, Korean
        "غير موجودة", "لم يتم العثور", "לא נמצא", "見つかりません", "存在しません", "不存在", "找不到", "찾을 수 없",
    ]

    /// Words that name a page, its address or a site, which a "missing" phrase is about on an
    /// error page.
    static let pageWords: Set<String> = [
        "page", "seite", "webseite", "website", "site", "sitio", "sito", "página", "pagina", "sidan", "sida", "siden",
        "sivua", "sivu", "strona", "stránka", "oldal", "σελίδα", "страница", "страницы", "сторінку", "sayfa",
        "url", "address", "adresse", "link", "lien", "enlace", "article", "artikel", "artículo", "articolo",
        "beitrag", "content", "inhalt", "contenu", "contenido", "contenuto", "conteúdo", "video", "document", "dokument",
    ]
    /// The same in scripts written without spaces between words.
    static let pageMarks = ["ページ", "页面", "頁面", "网页", "網頁", "페이지", "הדף", "העמוד", "الصفحة"]
}
