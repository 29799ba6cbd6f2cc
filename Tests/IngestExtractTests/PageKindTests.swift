import IngestCore
import Testing
@testable import IngestExtract

/// Pages that are not articles say why.
@Suite struct PageKindTests {
    let extractor = Extractor()

    private func extracted(_ html: String) -> Article {
        extractor.extract(html: Array(html.utf8), url: nil)
    }

    @Test func listingPageIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listing-page.html"), url: "https://example.com/world")
        #expect(article.kind == .notArticle)
        #expect(article.reason?.hasPrefix("listing page") == true)
    }

    /// A short news story typed `NewsArticle` under menus and a forum rail that are four
    /// times its text, nearly all links: the markup says story, so the link share does not
    /// make it a listing. Without the type or a byline it is refused; signed, it is a story
    /// for its paragraphs of sentences, while teaser lines without full stops under the same
    /// menus are a listing, unless they sit in one box named as the story's body.
    @Test func typedStoryUnderLinkPackedMenusIsAnArticle() {
        let menu = "<nav><ul>" + (1...120).map { "<li><a href='/section/\($0)'>Section page number \($0) of the site</a></li>" }.joined() + "</ul></nav>"
        let rail = "<div class='forum-rail'><ul>" + (1...80).map { "<li><a href='/forums/thread/\($0)'>Forum thread \($0): readers compare their keyboards</a></li>" }.joined() + "</ul></div>"
        let story = "<article><h1>A new laptop keyboard is planned for next year</h1>"
            + "<p>The maker plans to release a new laptop with a redesigned keyboard in the first half of next year, according to industry sources cited by a trade publication.</p>"
            + "<p>The report claims the display size will stay the same, and that two suppliers will build the keyboards for the smaller notebook, which has not changed since spring.</p>"
            + "<p>The older keyboards have suffered from sticky and repeating keys, and the maker continues to offer free repairs to affected customers as part of a service program.</p></article>"
        let typed = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"A new laptop keyboard is planned for next year\"}</script>"
        let page = { (head: String) in "<html><head>\(head)</head><body>\(menu)\(story)\(rail)</body></html>" }
        let article = extracted(page(typed))
        #expect(article.kind == .article)
        #expect(article.text.contains("free repairs to affected customers"))
        #expect(extracted(page("")).kind == .notArticle)
        let signed = extracted(page("<meta name='author' content='Jane Doe'>"))
        #expect(signed.kind == .article)
        #expect(signed.text.contains("free repairs to affected customers"))
        // The same paragraphs as teaser lines (no full stops): a listing, signed or not,
        // unless one box named as the story's body holds them; a box named as the page's
        // main area ("page-main") names no story.
        let teasers = page("<meta name='author' content='Jane Doe'>").replacingOccurrences(of: ".</p>", with: "</p>")
        #expect(extracted(teasers).reason == "listing page: mostly links to other pages")
        let named = teasers.replacingOccurrences(of: "<article>", with: "<div class='article-body'>")
            .replacingOccurrences(of: "</article>", with: "</div>")
        let boxed = extracted(named)
        #expect(boxed.kind == .article)
        #expect(boxed.text.contains("free repairs to affected customers"))
        let main = teasers.replacingOccurrences(of: "<article>", with: "<div class='page-main'>")
            .replacingOccurrences(of: "</article>", with: "</div>")
        #expect(extracted(main).reason == "listing page: mostly links to other pages")
    }

    /// A long story (a page of prose, 3,000 letters and more) under menus that hold four
    /// times its text in links, with no article type: a government site's press release with
    /// its date by the headline. The link share makes a listing only of a short main text.
    @Test func longStoryUnderLinkPackedMenusIsAnArticle() {
        let menu = "<div class='site-index'><ul>" + (1...600).map { "<li><a href='/ministry/topic/\($0)'>Topic page number \($0) of the ministry</a></li>" }.joined() + "</ul></div>"
        let paragraphs = (1...25).map { number in
            "<p>Part \(number): the minister said the states will receive more money for flexible child care and early language support, so that mothers can take up the jobs they want.</p>"
        }.joined()
        let html = "<html><body>\(menu)<main><h1>More money for flexible child care</h1><p class='date'>3 February 2022</p>\(paragraphs)</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.text.contains("Part 25:"))
    }

    /// A story of some 300 words on a page that vouches for nothing (no type, author or date:
    /// an old news template, a wiki), under menus that make over 40 % of the page's text
    /// links: its paragraphs of sentences make it a story, not an index. Cut to five of its
    /// paragraphs, the same page is an index.
    @Test func unsignedStoryOfSeveralParagraphsUnderMenusIsNoIndex() {
        let menu = "<div class='site-index'><ul>" + (1...60).map { "<li><a href='/news/topic/\($0)'>Topic page number \($0) of the site</a></li>" }.joined() + "</ul></div>"
        let paragraphs = (1...14).map { number in
            "<p>Part \(number) of the release: the browser's makers opened a new channel for early builds, so that testers can try features months before they ship.</p>"
        }
        let page = { (count: Int) in
            "<html><body>\(menu)<div class='content'><h1>Early builds of the browser</h1>\(paragraphs.prefix(count).joined())</div></body></html>"
        }
        let article = extracted(page(14))
        #expect(article.kind == .article)
        #expect(article.text.contains("Part 14 of the release"))
        #expect(extracted(page(5)).reason == "index page: much of the text is links, and no article type, author or date")
    }

    /// A metered site's story continues in a box named "paywall", public in the page and
    /// shown by a script: its paragraphs are the story's, and the page is no teaser. The same
    /// box holding a wall's pitch makes the page a teaser.
    @Test func storyContinuingInAMeteredBoxIsWhole() {
        let html = "<html><body><article><h1>Shares of the retailer fall after it cuts its sales forecast</h1>"
            + "<p>Shares of the retailer are dropping in premarket trading after the company cut its full-year sales growth guidance, though analysts say it is no problem for the market.</p>"
            + "<div class='paywall'><p>The company said comparable sales will grow 3.5% this year, against an earlier forecast of 4%, because some investments will take longer to pay off.</p>"
            + "<p>An analyst at a large bank said the market was misreading the results, and that the lower forecast has more to do with timing than with a weaker economy.</p>"
            + "<p>Management hosts a conference call at nine in the morning to discuss the results with analysts and investors, the company said in its release.</p></div>"
            + "</article></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.text.contains("more to do with timing than with a weaker economy"))
        #expect(article.text.contains("Management hosts a conference call"))
        // A wall's pitch in the same box, a sentence and a button, stays a wall.
        let pitch = "<div class='paywall'><h3>Subscribe to continue reading</h3><p>Get unlimited digital access to our journalism, "
            + "newsletters and the daily puzzle for just $1 a week. Cancel anytime.</p><a href='/subscribe'>Subscribe now</a></div>"
        let teaser = html.replacingOccurrences(of: html[html.range(of: "<div class='paywall'>")!.lowerBound..<html.range(of: "</div>")!.upperBound], with: pitch)
        let refused = extracted(teaser)
        #expect(refused.kind == .notArticle)
        #expect(refused.reason == "paywall teaser: only a short body is public")
    }

    /// The metered rest may be marked paragraph by paragraph (`<p class="body-paragraph
    /// paywall">`, the selector a page's schema.org `hasPart` names): the run of such
    /// paragraphs is the story's, as one box around them would be; a pitch of two marked
    /// lines is still a wall, and a page whose public part is a sentence is refused as a
    /// teaser, while three public paragraphs before a wall are stored.
    @Test func storyWithEachMeteredParagraphMarkedIsWhole() {
        let sentences = [
            "The company said comparable sales will grow 3.5% this year, against an earlier forecast of 4%, because some investments will take longer to pay off.",
            "An analyst at a large bank said the market was misreading the results, and that the lower forecast has more to do with timing than with a weaker economy.",
            "Management hosts a conference call at nine in the morning to discuss the results with analysts and investors, the company said in its release.",
            "The shares had gained a fifth since January, ahead of the rest of the sector, and most analysts still rate them a buy after the cut.",
            "The retailer also named a new finance chief, who joins in the spring from a rival chain where she ran the online business for six years.",
        ]
        let start = "<html><body><article><h1>Shares of the retailer fall after it cuts its sales forecast</h1>"
            + "<p class='body-paragraph'>Shares of the retailer are dropping in premarket trading after the company cut its full-year sales growth guidance, though analysts say it is no problem for the market.</p>"
        let html = start + sentences.map { "<p class='body-paragraph paywall'>\($0)</p>" }.joined() + "</article></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.text.contains("more to do with timing than with a weaker economy"))
        #expect(article.text.contains("most analysts still rate them a buy"))
        let pitch = start + "<p class='paywall-title'>Subscribe to continue reading</p>"
            + "<p class='paywall-text'>Get unlimited digital access to our journalism for just $1 a week. Cancel anytime.</p></article></body></html>"
        let refused = extracted(pitch)
        #expect(refused.kind == .notArticle)
        #expect(refused.reason == "paywall teaser: only a short body is public")
        // Two sibling boxes, the public part ("non-paywall") and the wall, are no one rest.
        let sections = "<html><body><article><h1>Students still look for a room</h1><section class='row non-paywall'>"
            + "<p>Weeks after the term began, hundreds of students in the city still have no room, and some sleep in hostels or on friends' sofas.</p>"
            + "<p>The student union says the shortage is worse than last year, as fewer flats come onto the market and rents keep rising.</p>"
            + "<p>The university has opened a gym hall with camp beds for the first weeks, and asks people in the city to rent out spare rooms.</p></section>"
            + "<section class='row paywall'><h3>Read on for free</h3><p>Register now and read one premium article every month on our site, with our newsletter of the day's news.</p>"
            + "<p>Quality journalism from your home region by a hundred and fifty editors and fifteen hundred freelancers, rooted in the region, critical and independent.</p></section>"
            + "</article></body></html>"
        let wall = extracted(sections)
        #expect(!wall.text.contains("Register now"))
        // Three public paragraphs are a story's opening worth storing, wall or not (a teaser
        // of under 250 letters is refused, as above).
        #expect(wall.kind == .article)
        #expect(wall.text.contains("Weeks after the term began") && wall.text.contains("camp beds"))
    }

    /// A blog whose scripts render the post from a template gives it whole in `<noscript>`:
    /// the page without scripts has no story, so the `<noscript>` text is read. A page whose
    /// `<noscript>` only asks for scripts stays refused, and a page with a story of its own
    /// does not take in its `<noscript>`.
    @Test func postGivenOnlyInNoscriptIsRead() {
        let post = (1...4).map { number in
            "<p>Part \(number): enhanced protection checks each address against a list that is updated in real time, so phishing sites that change domains every hour are caught.</p>"
        }.joined()
        let scripted = "<html><body><header><a href='/'>Security Blog</a></header><h1>Enhanced protection, now in the browser</h1>"
            + "<div class='post-body'><script type='text/template'>\(post)</script><noscript>\(post)</noscript></div></body></html>"
        let article = extracted(scripted)
        #expect(article.kind == .article)
        #expect(article.text.contains("Part 1:") && article.text.contains("Part 4:"))
        let notice = "<html><body><h1>Enhanced protection, now in the browser</h1><div id='app'></div>"
            + "<noscript><p>You need to enable JavaScript to run this app.</p></noscript></body></html>"
        #expect(extracted(notice).kind == .notArticle)
        let story = "<html><body><article><h1>Enhanced protection, now in the browser</h1>\(post)</article>"
            + "<noscript><p>Please enable JavaScript to view the comments powered by our comment service, and to see the map of every phishing site found this week.</p></noscript></body></html>"
        let kept = extracted(story)
        #expect(kept.text.contains("Part 4:") && !kept.text.contains("enable JavaScript"))
    }

    /// A stream of briefs, each one's text in a box named for the body and the share bar it
    /// also holds ("brief-body-share-wrapper"): no box holds half the page's prose, so the
    /// strict reading leaves the page empty. The box is then read as the story, the first
    /// one only (the page's own brief, above the stream's next ones); a box named as
    /// furniture alone ("related-stories") is not, and such a page stays refused.
    @Test func storyInABoxNamedForBodyAndShareBarIsRead() {
        func brief(_ number: Int, box: String) -> String {
            let paragraphs = (1...3).map { line in
                "<p>Brief \(number), line \(line): the council voted to keep the river crossing open through the winter, after a survey found the old bridge sound.</p>"
            }.joined()
            return "<article class='brief'><h2>Brief \(number) of the day</h2><div class='\(box)'>"
                + "<div class='brief-text'>\(paragraphs)</div><span class='share-button'></span></div></article>"
        }
        func page(box: String) -> String {
            "<html><body><header><a href='/'>Daily Briefs</a></header>" + (1...4).map { brief($0, box: box) }.joined() + "</body></html>"
        }
        let stream = extracted(page(box: "brief-body-share-wrapper"))
        #expect(stream.kind == .article)
        #expect(stream.text.contains("Brief 1, line 1:") && stream.text.contains("Brief 1, line 3:"))
        #expect(!stream.text.contains("Brief 2,"))
        let related = extracted(page(box: "related-stories"))
        #expect(related.kind == .notArticle)
    }

    /// A news brief under a header whose log-in box is named "paywall-login-link": the word
    /// names the site's account box, before the story, not a wall that cuts it short.
    @Test func briefUnderAPaywallNamedLoginBoxIsAnArticle() {
        let html = "<html><head><meta property='og:type' content='article'></head><body>"
            + "<header><div class='paywall-header-wrap'><a class='paywall-login-link' href='/login'>Log in</a></div></header>"
            + "<article><h1>Doctor stabbed during a lecture in Berlin</h1>"
            + "<p>A doctor was stabbed to death during a lecture at a Berlin clinic on Tuesday evening, while a man who tried to stop the attacker was badly hurt, police said.</p>"
            + "<p>The suspect was arrested at the scene. Police said they did not yet know his motive.</p></article></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.text.contains("did not yet know his motive"))
    }

    @Test func errorPageIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("error-page-404.html"), url: "https://example.com/gone")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "error page: it is headed \"Page not found | Daily Example\"")
        // A title over several lines is quoted on one: `import` prints one line per input.
        let html = try Fixtures.text("error-page-404.html").replacingOccurrences(of: "<title>Page not found | Daily Example</title>",
                                                                                 with: "<title>\n   Page not found\n   | Daily Example\n</title>")
        #expect(extracted(html).reason == "error page: it is headed \"Page not found | Daily Example\"")
    }

    /// What a site serves with status 200 instead of the page asked for, in several languages
    /// and shapes: each a few sentences of prose that would pass for a short story.
    @Test(arguments: [
        ("Seite nicht gefunden – Beispiel Zeitung", "Hoppla!", "Seite nicht gefunden"),
        ("Page introuvable | Le Journal", "Erreur", "Page introuvable"),
        ("El Diario", "Lo sentimos, la página que busca no existe", "la página que busca no existe"),
        ("The Daily Example", "Sorry, we couldn’t find that page", "Sorry, we couldn’t find that page"),
        ("Fehler 404 | Beispiel", "Hoppla!", "Fehler 404"),
        ("Just a moment...", "www.example.com", "Just a moment..."),
        ("Site under maintenance", "We will be back soon", "Site under maintenance"),
        ("Chicago Example Tribune", "Unfortunately, our website is currently unavailable in most European countries.", "currently unavailable"),
        ("Age verification | Example Spirits Journal", "Are you of legal drinking age?", "Age verification"),
        ("451 Unavailable For Legal Reasons", "451", "Unavailable For Legal Reasons"),
    ])
    func softErrorPageIsNotAnArticle(title: String, heading: String, named: String) {
        let html = "<html><head><title>\(title)</title></head><body>"
            + "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
            + "<div id='content'><h2>\(heading)</h2>"
            + "<p>The address you followed may be mistyped, or the page was moved or taken out of our archive some time after it was first published on the site.</p>"
            + "<p>Please search our archive with the box below, or start again from the home page, where the newsroom's latest stories and columns wait for you every day.</p>"
            + "</div></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason?.hasPrefix("error page: it is headed") == true && article.reason?.contains(named) == true,
                "\(article.reason ?? "stored")")
    }

    /// What a server, a host or a registrar serves where a site was, and the forms a wall puts
    /// in place of a story, with a few sentences of text each (too many to be refused as too
    /// little text): each is refused, named for what it is.
    @Test(arguments: [
        ("example-news.com is for sale!", "Make an offer", "placeholder page: it is headed \"example-news.com is for sale!\""),
        ("Account Suspended", "Account Suspended", "placeholder page: it is headed \"Account Suspended\""),
        ("Apache2 Ubuntu Default Page: It works", "It works!", "placeholder page: it is headed \"Apache2 Ubuntu Default Page: It works\""),
        ("Coming Soon | Example Studio", "We are almost there", "placeholder page: it is headed \"Coming Soon | Example Studio\""),
        ("Beispiel Verlag", "Seite im Aufbau", "placeholder page: it is headed \"Seite im Aufbau\""),
        ("Index of /wp-content/uploads", "Index of /wp-content/uploads", "directory listing: it is headed \"Index of /wp-content/uploads\""),
        ("Sign in | The Daily Example", "Welcome back", "sign-in page: it is headed \"Sign in | The Daily Example\""),
        ("The Daily Example", "Log in to keep reading", "sign-in page: it is headed \"Log in to keep reading\""),
        ("Access to this page has been denied", "Before we continue...", "error page: it is headed \"Access to this page has been denied\""),
    ])
    func pageInPlaceOfTheSiteIsNotAnArticle(title: String, heading: String, reason: String) {
        let html = "<html><head><title>\(title)</title></head><body><div id='content'><h2>\(heading)</h2>"
            + "<p>The owner of this address has not put anything here yet, or the account that served it has been closed, so there is no page to show at the moment.</p>"
            + "<p>Please come back later, or write to the owner with the form below; your message will be answered within a few working days by someone from our team.</p>"
            + "<p>Thank you for your patience while the work goes on.</p></div></body></html>"
        #expect(extracted(html).reason == reason)
    }

    /// WordPress's `wp_die` page ("Error establishing a database connection", served while a
    /// site's database is down) is `<body id="error-page">`: an error page whatever it says.
    @Test func wordPressDiePageIsAnErrorPage() {
        let article = extracted("<html><head><title>Database Error</title></head><body id='error-page'><div class='wp-die-message'>"
            + "<h1>Error establishing a database connection</h1><p>This either means that the username and password information in your wp-config.php file is incorrect or that contact with the database server at localhost could not be established. This could mean your host's database server is down.</p>"
            + "<p>If you are unsure what these terms mean you should probably contact your host. If you still need help you can always visit the WordPress support forums.</p></div></body></html>")
        #expect(article.reason == "error page: its template is marked \"error-page\"")
    }

    /// A story page whose first `<h1>` is its log-in dialog's title ("Log In", hidden until
    /// the reader clicks): the dialog does not make the page a sign-in page. The same page
    /// titled for the sign-in is one.
    @Test func aLogInDialogsHeadingDoesNotMakeAStoryASignInPage() {
        let story = "<p>A police inspector had to seek medical attention on Friday after she was hit in the head with a stone by a woman in front of the station.</p>"
            + "<p>The woman was taken into custody, and the police said she would be charged with assault once the inspector had given her statement.</p>"
            + "<p>Witnesses said the two women had argued outside the station for several minutes before the stone was thrown.</p>"
        let dialog = "<div class='modal' hidden><h1 class='login-modal-title'>Log In</h1><form><input type='email'><input type='password'><button>Log in</button></form></div>"
        let page = extracted("<html><head><title>Woman attacks inspector with stone</title></head><body>\(dialog)<main><h2>Woman attacks inspector with stone</h2>\(story)</main></body></html>")
        #expect(page.kind == .article, "\(page.reason ?? "")")
        let signIn = extracted("<html><head><title>Log In</title></head><body>\(dialog)<main><h2>Woman attacks inspector with stone</h2>\(story)</main></body></html>")
        #expect(signIn.reason == "sign-in page: it is headed \"Log In\"")
    }

    /// Headlines of placeholders, listings and sign-in forms, told from stories' headlines
    /// that hold the same words.
    @Test func standInHeadlinesAreToldFromStoryHeadlines() {
        let standIns: [(String, ErrorPage.Kind)] = [
            ("Welcome to nginx!", .placeholder), ("Coming soon", .placeholder), ("Under Construction - Example", .placeholder),
            ("mybrand.de steht zum Verkauf", .placeholder), ("This domain has expired", .placeholder),
            ("Index of /files", .directory), ("Login", .signIn), ("Connexion | Le Journal", .signIn),
            ("Subscribe to continue reading", .signIn), ("Pardon Our Interruption", .error),
        ]
        for (headline, kind) in standIns {
            #expect(ErrorPage.says(headline) == kind, "\(headline)")
        }
        for headline in ["Coming soon to Netflix: the December list", "Bridge under construction collapses in storm",
                         "Senator's account suspended after threats", "Sign in to vote, council urges residents",
                         "Login problems hit bank customers", "Why the index of leading indicators fell",
                         "Homes for sale at record prices", "Subscribers to read the paper on their phones",
                         "Austin Catalog Index", "Sign inside the stadium"] {
            #expect(ErrorPage.says(headline) == nil, "\(headline)")
        }
    }

    /// WordPress marks its 404 template's body `error404`: an error page however much of the
    /// site's latest stories it lists.
    @Test func wordPressNotFoundTemplateIsAnErrorPageWhateverItsLength() {
        let recent = (1...12).map { "<p>Recent story \($0): the council met on Tuesday evening and voted to keep the harbour open to fishing boats through the winter months, officials said.</p>" }.joined()
        let article = extracted("<html><head><title>Example Blog</title></head><body class='error404 hfeed wp-theme'><main><h1>Oops!</h1>\(recent)</main></body></html>")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "error page: its template is marked \"error404\"")
        // A post whose id is 404 is a post.
        let post = extracted("<html><head><title>Harbour stays open</title></head><body class='post-template postid-404'><article><h1>Harbour stays open</h1>\(recent)</article></body></html>")
        #expect(post.kind == .article)
    }

    /// A site that redirects an address it no longer has to its missing-page template, or a
    /// story's address to its sign-in form: the address it lands on says so, whatever the
    /// page's headline ("Whoops!"). Story number 404
    /// of a section, and a review of a film named "Not Found" at a dated address or typed an
    /// article, are stories.
    @Test func pageAtAMissingPageAddressIsAnErrorPage() {
        let html = "<html><head><title>Example News</title></head><body><main><h1>Whoops!</h1>"
            + "<p>The council met on Tuesday evening and voted to keep the harbour open to fishing boats through the winter months, officials said after a long debate.</p>"
            + "<p>Fishermen had asked for the change for years, and the harbour master said the new timetable would start on the first of November.</p>"
            + "<p>The ferry company welcomed the vote and said it would add a late crossing on Fridays.</p></main></body></html>"
        let redirected = extractor.extract(html: Array(html.utf8), url: "https://example.com/errors/page-not-found/?from=%2Fold")
        #expect(redirected.reason == "error page: its address ends in \"page-not-found\"")
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/404.html").reason == "error page: its address ends in \"404.html\"")
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/news/404").kind == .article)
        // A wall that redirects a story's address to its sign-in form.
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/account/login?next=%2Fnews%2Fharbour").reason
            == "sign-in page: its address ends in \"login\"")
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/sign-in.php").reason == "sign-in page: its address ends in \"sign-in.php\"")
        // A review of a film named "Not Found", at a dated address or typed an article, is a story.
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/2024/05/01/not-found/").kind == .article)
        let typed = html.replacingOccurrences(of: "</title>", with: "</title><script type='application/ld+json'>{\"@type\": \"Review\", \"name\": \"Not Found\"}</script><script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Whoops!\"}</script>")
        #expect(extractor.extract(html: Array(typed.utf8), url: "https://example.com/reviews/not-found").kind == .article)
        #expect(extractor.extract(html: Array(html.utf8), url: "https://example.com/news/harbour-stays-open").kind == .article)
    }

    /// A page that only sends the reader on with a meta refresh says where to (resolved
    /// against its address), so the user can give that address; a refresh without one (a
    /// page reloading itself) leaves the plain reason.
    @Test func redirectPageNamesItsTarget() {
        func page(_ refresh: String) -> [UInt8] {
            Array("<html><head><meta http-equiv=\"Refresh\" content=\"\(refresh)\"><title>Redirecting…</title></head><body><p>Redirecting to <a href=\"/story\">the story</a>…</p></body></html>".utf8)
        }
        #expect(extractor.extract(html: page("0; url=/news/story.html"), url: "https://example.com/go?id=1").reason
            == "redirect page: its meta refresh leads to https://example.com/news/story.html")
        #expect(extractor.extract(html: page("5;URL='https://other.example/a/b'"), url: nil).reason
            == "redirect page: its meta refresh leads to https://other.example/a/b")
        #expect(extractor.extract(html: page("300"), url: nil).reason == "empty page: no main text")
    }

    /// Headlines that hold an error's words but are stories: a show named "The 404", a
    /// search that found nobody, a brief typed `NewsArticle` about a website, and a long story
    /// whose headline quotes "page not found".
    @Test func storiesWhoseHeadlinesSoundLikeErrorsAreArticles() {
        let body = "<p>Police divers searched the lake for a third day on Sunday without finding the missing hiker, who was last seen near the northern trail on Thursday evening.</p>"
            + "<p>Volunteers from three villages joined the search, and the mountain rescue service said it would go on as long as the weather allowed it.</p>"
        func page(_ headline: String, head: String = "", text: String = body) -> Article {
            extracted("<html><head><title>\(headline)</title>\(head)</head><body><article><h1>\(headline)</h1>\(text)</article></body></html>")
        }
        #expect(page("The 404 1,310: Where it's love at first swipe | The 404 Podcast").kind == .article)
        #expect(page("Missing hiker not found after three-day search").kind == .article)
        let website = "Council's new website not found by most voters, audit says"
        let typed = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"\(website)\"}</script>"
        #expect(page(website, head: typed).kind == .article)
        #expect(page(website).reason?.hasPrefix("error page") == true, "untyped, the same brief reads as an error")
        let days = (1...12).map { "<p>On day \($0) the clerks searched the old servers, where a contractor said the archive of rulings had been copied late on a Thursday night in \(2000 + $0).</p>" }.joined()
        #expect(page("Page not found: how a court lost ten years of rulings", text: body + days).kind == .article)
    }

    /// A consent wall served in place of the story, in a box no class names as consent: its
    /// text is the cookie notice. A baking story that names cookies, a post that speaks of
    /// privacy over a footer naming cookie settings (a wire copy in the dedup set), and a brief
    /// typed `NewsArticle` about a cookie ruling are stories.
    @Test func consentWallInPlaceOfTheStoryIsNotAnArticle() {
        let wall = extracted("<html><head><title>Zustimmung zur Datenverarbeitung | Beispiel Zeitung</title></head><body><div id='cmp'>"
            + "<h2>Wir brauchen Ihre Zustimmung</h2><p>Wir und unsere Partner verwenden Cookies und ähnliche Technologien, um Informationen auf Ihrem Gerät zu speichern und abzurufen, personalisierte Anzeigen und Inhalte zu zeigen, Anzeigen und Inhalte zu messen und Erkenntnisse über Zielgruppen zu gewinnen.</p>"
            + "<p>Mit einem Klick auf „Alle akzeptieren“ willigen Sie in diese Verarbeitung ein. Ihre Einwilligung können Sie jederzeit über den Link „Datenschutz-Einstellungen“ am Ende jeder Seite widerrufen. Alternativ können Sie unser Angebot werbefrei im Abonnement lesen.</p>"
            + "<button>Alle akzeptieren</button><a href='/abo'>Zum Abo</a></div></body></html>")
        #expect(wall.kind == .notArticle)
        #expect(wall.reason == "consent wall: the text asks to accept cookies, not a story")
        let baking = extracted("<html><head><title>Cheaper groceries</title></head><body><article><h1>Cheaper groceries</h1>"
            + "<p>Head to the supermarket an hour before closing time, when stores mark down freshly baked cookies and bread they cannot sell the next day.</p>"
            + "<p>Some stores accept coupons printed from the web, and cookie sheets cost less at a big-box chain than at the grocery store.</p></article></body></html>")
        #expect(baking.kind == .article)
        // A short post that speaks of privacy once, over a kept footer line naming cookie settings.
        let post = extracted("<html><head><title>Building a keyserver</title></head><body><article><h1>Building a keyserver</h1>"
            + "<p>Today we build a keyserver to look up public keys, with a transparency log that keeps its operator honest and unable to slip in keys, while still protecting user privacy and a smooth experience.</p>"
            + "<p>We build it step by step with the tools of the log's ecosystem, in less than five hundred lines.</p>"
            + "<p>Terms of Use | Privacy Policy | Cookie Settings | Contact Us</p></article></body></html>")
        #expect(post.kind == .article)
        let ruling = "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": \"Court: sites need consent for cookies\"}</script>"
        let brief = extracted("<html><head><title>Court: sites need consent for cookies</title>\(ruling)</head><body><article><h1>Court: sites need consent for cookies</h1>"
            + "<p>Websites must ask for consent before they store advertising cookies, the court ruled on Tuesday, in a case brought by a consumer group over a lottery's site.</p>"
            + "<p>A pre-ticked box is no consent, the judges said; users must be told how long cookies last and which partners can read them, for the sake of their privacy.</p></article></body></html>")
        #expect(brief.kind == .article)
    }

    /// A consent interstitial in a box named for consent, which the text drops as furniture,
    /// is named a consent wall, not an empty page; a short brief under a cookie bar is still
    /// refused for its length.
    @Test func aPageShowingOnlyAConsentBannerIsAConsentWall() {
        let banner = "<div class='consent-bump'><h1>Before you continue</h1><p>We use cookies and data to deliver and maintain our services, "
            + "measure audience engagement and show personalised content and ads, depending on your settings.</p>"
            + "<p>If you choose to accept all, we will also use cookies and data to develop new services, with our partners.</p>"
            + "<button>Reject all</button><button>Accept all</button></div>"
        #expect(extracted("<html><head><title>Before you continue</title></head><body>\(banner)</body></html>").reason
            == "consent wall: the text asks to accept cookies, not a story")
        let bar = "<div id='cookie-bar'>We use cookies. <a href='/privacy'>Privacy</a> <button>OK</button></div>"
        let brief = extracted("<html><body><article><p>A short note of a single sentence about the weather, which stays fair and mild all week.</p></article>\(bar)</body></html>")
        #expect(brief.reason?.hasPrefix("too little text") == true, "\(brief.reason ?? "stored")")
    }

    @Test func errorHeadlinesAreToldFromStoryHeadlines() {
        for headline in ["Not Found", "500 Internal Server Error", "Access Denied", "Erreur 404 | Le Journal", "404",
                         "Страница не найдена", "Sayfa bulunamadı", "ページが見つかりません", "Site en maintenance",
                         "This content is not available in your country", "Verify your age",
                         "We can't find the page you're looking for", "Something went wrong", "403 Forbidden",
                         "Service Temporarily Unavailable", "Es ist ein Fehler aufgetreten", "This article has been removed",
                         "Sorry, the story you asked for could not be found", "Dieser Beitrag wurde entfernt", "Cet article a été supprimé"] {
            #expect(ErrorPage.says(headline) == .error, "\(headline)")
        }
        for headline in ["Server error grounds flights at three airports", "Journalists access denied to court hearing",
                         "Fortune 500: the list", "S&P 500 falls", "Route 404 closed after crash, police say",
                         "Missing hiker not found - The Washington Post", "Bridge under maintenance until May",
                         "Vaccine currently unavailable in rural clinics", "Age verification law passes the Senate",
                         "Something went wrong at the council, the mayor says", "Forbidden love", "Divers can't find the wreck",
                         "Statue of the old mayor has been removed from the square", "Tree was removed"] {
            #expect(ErrorPage.says(headline) == nil, "\(headline)")
        }
        // A headline longer than an error's is not searched (a hostile page's 10 MB title).
        #expect(ErrorPage.headline([.init(text: String(repeating: "word ", count: 60) + "page not found")]) == nil)
        #expect(ErrorPage.headline([.init(text: "A very long story headline"), .init(text: "Page not found")])?.headline == "Page not found")
    }

    @Test func paywallTeaserIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("paywall-teaser.html"), url: "https://example.com/yard")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "paywall teaser: only a short body is public")
        #expect(article.metadata.title == "Inside the deal that saved the shipyard")
    }

    @Test func shortStoryWithoutPaywallSaysTooLittleText() {
        let html = "<html><body><article><p>A short note of a single sentence about the weather.</p></article></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason?.hasPrefix("too little text") == true)
    }

    @Test func shortBriefThatDeclaresItselfAnArticleIsAnArticle() {
        let html = """
        <html><head><meta property="og:type" content="article"></head><body><article>
        <p>The harbour tram line will open on Monday, two weeks ahead of schedule, the city said. Fares stay the same.</p>
        </article></body></html>
        """
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.reason == nil)
    }

    /// A two-sentence brief in a plain template: its `<article>` holds the headline and the
    /// text, which makes it one story without any metadata. A card of a listing is an
    /// `<article>` too, but the page's headline stands outside it.
    @Test func shortBriefWhoseArticleElementHoldsTheHeadlineIsAnArticle() {
        let brief = "<p>The harbour tram line will open on Monday, two weeks ahead of schedule, the city said. Fares stay the same.</p>"
        let story = extracted("<html><body><article><h1>Tram line opens early</h1>\(brief)</article></body></html>")
        #expect(story.kind == .article)
        let card = extracted("<html><body><h1>Latest news</h1><article><h2>Tram line opens early</h2>\(brief)</article></body></html>")
        #expect(card.kind == .notArticle)
        #expect(card.reason?.hasPrefix("too little text") == true)
        let plain = extracted("<html><body><div><h1>Tram line opens early</h1>\(brief)</div></body></html>")
        #expect(plain.reason?.hasPrefix("too little text") == true)
    }

    /// A long description, so that only the declared type can tell the page from a story.
    static let prose = (1...8).map {
        "<p>The frame \($0) is made of recycled aluminium, which keeps the weight low, and the seat can be set to four heights for riders of every size.</p>"
    }.joined()

    @Test func productOnSaleIsNotAnArticle() {
        let html = """
        <html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Product",
        "name": "City bike", "offers": {"@type": "Offer", "price": "499.00", "priceCurrency": "EUR"}}</script>
        </head><body><main>\(Self.prose)</main></body></html>
        """
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "not an article: the page declares itself a product page")
    }

    @Test func productWhoseOffersSitInItsVariantsIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("product-offers-in-variants.html"), url: "https://example.com/shop/buckle")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "not an article: the page declares itself a product page")
    }

    @Test func forumThreadInMicrodataIsNotAnArticle() {
        let html = "<html><body><div itemscope itemtype='https://schema.org/DiscussionForumPosting'>\(Self.prose)</div></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "not an article: the page declares itself a forum thread")
    }

    /// A company's offer, an app's page and a degree's page declare what they are in
    /// schema.org's own types (also when the script is long: a big graph is still read); a
    /// story about the offer declares itself an article beside it.
    @Test(arguments: [("Service", "a service page"), ("SoftwareApplication", "a software product page"),
                      ("EducationalOccupationalProgram", "a study programme's page")])
    func offerDeclaredInSchemaOrgIsNotAnArticle(type: String, kind: String) {
        let filler = String(repeating: "x", count: 5000)
        let html = """
        <html><head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "Organization",
        "name": "Kestrel Bikes", "description": "\(filler)"}, {"@type": "\(type)", "name": "City bikes for hire"}]}</script>
        </head><body><main>\(Self.prose)</main></body></html>
        """
        let offer = extracted(html)
        #expect(offer.reason == "not an article: the page declares itself \(kind)")
        let story = extracted(html.replacingOccurrences(of: "\"@type\": \"Organization\"", with: "\"@type\": \"NewsArticle\""))
        #expect(story.kind == .article)
    }

    /// A business's page describes the business, its products or its customers' questions in
    /// its structured data, and names no author and no date; a story that embeds the same is
    /// signed, dated or typed an article.
    @Test(arguments: [("LocalBusiness", "a local business"), ("Product", "a product"), ("FAQPage", "questions and answers")])
    func unsignedUndatedPageDescribingABusinessIsNotAnArticle(type: String, kind: String) {
        let html = """
        <html><head><title>Kestrel Bikes</title><script type="application/ld+json">{"@context": "https://schema.org",
        "@type": "\(type)", "name": "Kestrel Bikes"}</script>
        </head><body><main><h1>Kestrel Bikes</h1>\(Self.prose)</main></body></html>
        """
        let page = extracted(html)
        #expect(page.reason == "service or product page: its structured data describes \(kind), and it has no article type, author or date")
        let signed = extracted(html.replacingOccurrences(of: "<title>", with: "<meta name=\"author\" content=\"Ann Lee\"><title>"))
        #expect(signed.kind == .article)
        let dated = extracted(html.replacingOccurrences(of: "<title>", with: "<meta property=\"article:published_time\" content=\"2024-05-01\"><title>"))
        #expect(dated.kind == .article)
    }

    @Test func reviewThatEmbedsTheProductOnSaleIsAnArticle() {
        let html = """
        <html><head><script type="application/ld+json">[{"@type": "NewsArticle", "headline": "City bike review"},
        {"@type": "Product", "name": "City bike", "offers": {"@type": "Offer", "price": "499.00"}}]</script>
        </head><body><article>\(Self.prose)</article></body></html>
        """
        let article = extracted(html)
        #expect(article.kind == .article)
    }

    /// A guide's prose with a code listing after each paragraph.
    static let guide = (1...6).map { step in
        "<h2>Step \(step)</h2><p>Run the command below to set up part \(step) of the project; it writes its settings to the folder you are in and prints what it changed.</p><pre>tool setup --part \(step)</pre>"
    }.joined()

    @Test func undatedUnsignedPageOfCodeListingsIsDocumentation() {
        let html = "<html><head><title>Setup guide</title></head><body><main><h1>Setup guide</h1>\(Self.guide)</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: code listings, and no article type, author or date")
    }

    @Test func datedTutorialWithCodeListingsIsAnArticle() {
        let html = """
        <html><head><meta property="article:published_time" content="2025-03-01T09:00:00Z"></head>
        <body><main><h1>Setup guide</h1>\(Self.guide)</main></body></html>
        """
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.metadata.published == "2025-03-01T09:00:00Z")
    }

    /// A shop grid: every product card has its own add-to-cart form.
    static func shopGrid(cards: Int) -> String {
        (1...cards).map { item in
            "<div class='card'><h3>Sofa model \(item)</h3><form><input type='number' name='qty'><button>Add to cart</button></form></div>"
        }.joined()
    }

    @Test func undatedPageFullOfFormControlsIsAShopOrServicePage() {
        let html = "<html><body><main>\(Self.prose)\(Self.shopGrid(cards: 50))</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "shop or service page: many form controls, and no article type, author or date")
    }

    @Test func storyWithAFewControlsIsAnArticle() {
        let html = "<html><body><main>\(Self.prose)\(Self.shopGrid(cards: 3))</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
    }

    @Test func signedPageFullOfFormControlsIsAnArticle() {
        let html = "<html><head><meta name='author' content='Jane Doe'></head><body><main>\(Self.prose)\(Self.shopGrid(cards: 50))</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.metadata.authors == ["Jane Doe"])
    }

    @Test func webPageDateFromJSONLDIsNoSignOfAStory() {
        let html = """
        <html><head><script type="application/ld+json">{"@type": "WebPage", "datePublished": "2024-01-02"}</script></head>
        <body><main><h1>Setup guide</h1>\(Self.guide)</main></body></html>
        """
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.metadata.published == "2024-01-02")
    }

    @Test func aNameFarBelowTheHeadlineDoesNotVouchForAStory() {
        // A contributor box at the foot of a long documentation page (past the elements a
        // header may span) names someone, but it is no byline.
        let html = """
        <html><body><main><h1>Setup guide</h1>\(String(repeating: Self.guide, count: 15))</main>
        <div class="author">Jane Doe</div></body></html>
        """
        let article = extracted(html)
        #expect(article.metadata.authors == ["Jane Doe"])
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: code listings, and no article type, author or date")
    }

    @Test func aBylineByTheHeadlineVouchesForAStory() {
        let html = "<html><body><main><h1>Setup guide</h1><p class='byline'>By Jane Doe</p>\(Self.guide)</main></body></html>"
        let article = extracted(html)
        #expect(article.metadata.authors == ["Jane Doe"])
        #expect(article.kind == .article)
    }

    /// A page of the description plus a long menu of links: a third of its text is links.
    static let indexPage = "<html><body><main><h1>Programs</h1>\(Self.prose)</main><div class='index'>"
        + (1...60).map { "<a href='/programs/\($0)'>Certificate program number \($0)</a> " }.joined() + "</div></body></html>"

    @Test func undatedUnsignedPageOfLinksIsAnIndex() {
        let article = extracted(Self.indexPage)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "index page: much of the text is links, and no article type, author or date")
    }

    @Test func datedStoryWithALongMenuIsAnArticle() {
        let html = Self.indexPage.replacingOccurrences(of: "<h1>Programs</h1>", with: "<h1>Programs</h1><p class='byline'>By Jane Doe</p>")
        let article = extracted(html)
        #expect(article.kind == .article)
    }

    @Test func undatedUnsignedPageOfLinkedCardsIsAListing() throws {
        let article = extractor.extract(html: try Fixtures.bytes("course-catalogue-cards.html"), url: "https://example.com/courses")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "listing page: nearly all the text is cards linking to the site's own pages, and no article type, author or date")
    }

    /// The first card's "By Jane Doe" stands near the headline, but it is a card's byline:
    /// the page itself names no author, so nothing vouches for it and its cards decide.
    @Test func listingWhoseBylinesAreTheCardsIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listing-card-bylines.html"), url: "https://example.com/notes")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "listing page: nearly all the text is cards linking to the site's own pages, and no article type, author or date")
    }

    /// Cards (heading link + teaser) hold most of the text and their links much of it: a
    /// listing, though neither share alone reaches its own threshold.
    @Test func mostlyLinkedCardsAreAListing() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listing-cards-and-links.html"), url: "https://example.com/workshops")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "listing page: most of the text is cards linking to the site's own pages, with much link text or a date on each, and no article type, author or date")
    }

    /// The same cards with paragraphs of prose under short linked headings: a listicle story.
    @Test func storyMadeOfLinkedCardsWithProseIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-with-teaser-cards.html"), url: "https://example.com/picks")
        #expect(article.kind == .article)
        #expect(article.text.contains("Nobody leaves without a spoon"))
    }

    /// The date under the headline is the first card's: it does not vouch for the page, whose
    /// dated cards linking to the site's own stories make it a listing (a card share of about
    /// 0.7, under the 0.9 that cards alone need, and little link text).
    @Test func listingWhoseDateIsTheFirstCardsIsNotAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listing-dated-lead-card.html"), url: "https://www.eastport.example/news")
        #expect(article.kind == .notArticle)
        #expect(article.reason == "listing page: most of the text is cards linking to the site's own pages, with much link text or a date on each, and no article type, author or date")
        #expect(article.metadata.published == "2025-03-04")
    }

    /// A guide to events whose cards each show a date and link out to the events' own sites:
    /// the first card's date does not vouch, but cards linking elsewhere are no listing of
    /// the site's pages, so the story is kept.
    @Test func storyOfDatedCardsLinkingOutIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("listicle-dated-cards-linking-out.html"), url: "https://rootsreview.example/guides/folk-festivals")
        #expect(article.kind == .article)
        #expect(article.text.contains("Three stages in a river meadow"))
    }

    /// A signed, dated story followed by a rail of dated teasers of the site's other stories.
    @Test func storyWithARelatedStoriesRailIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-with-related-rail.html"), url: "https://valleycourier.example/transport/night-buses-return")
        #expect(article.kind == .article)
        #expect(article.metadata.authors == ["Ruth Okafor"])
        #expect(article.text.hasPrefix("Night buses will run"))
    }

    @Test(arguments: [
        ("/news/ferry", "eastport.example", true), ("ferry.html", "eastport.example", true),
        ("https://www.eastport.example/news/ferry", "eastport.example", true),
        ("https://news.eastport.example/ferry", "eastport.example", true),
        ("//eastport.example/ferry", "eastport.example", true),
        ("https://ferries.example/eastport", "eastport.example", false),
        ("https://ferries.example/eastport", nil, false), ("/news/ferry", nil, true),
        ("#comments", "eastport.example", false), ("mailto:clerk@eastport.example", "eastport.example", false),
        ("JavaScript:void(0)", "eastport.example", false),
    ] as [(String, String?, Bool)])
    func aLinkWithinTheSite(href: String, site: String?, within: Bool) {
        #expect(PageKind.linksWithinSite(href, site: site) == within)
    }

    /// A saved page that names no address: its site is where most of its links go.
    @Test func aPageWithoutAnAddressBelongsToTheHostItLinksToMost() {
        let html = "<html><body><a href='https://www.eastport.example/'>Home</a><a href='https://eastport.example/news'>News</a>"
            + "<a href='https://ferries.example/'>Ferries</a><a href='/contact'>Contact</a></body></html>"
        let tree = PageTree.parse(html: Array(html.utf8), encoding: "UTF-8", url: nil)
        #expect(PageKind.siteHost(tree: tree, canonical: nil) == "eastport.example")
        #expect(PageKind.siteHost(tree: tree, canonical: "https://www.harbour.example/a") == "harbour.example")
        #expect(PageKind.siteHost(tree: tree, canonical: "file:///tmp/page.html") == "eastport.example")
    }

    /// A manual's page whose only date is its revision stamp under the text ("Last updated"):
    /// it vouches for no story, so its code listings make it documentation. The date is
    /// still the page's metadata.
    @Test func revisionStampUnderTheTextDoesNotVouchForAStory() {
        let stamp = "<p>Last updated <time datetime='2025-03-06'>March 6, 2025</time></p>"
        let html = "<html><body><main><h1>Setup guide</h1>\(String(repeating: Self.guide, count: 4))\(stamp)</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .notArticle)
        #expect(article.reason == "documentation page: code listings, and no article type, author or date")
        #expect(article.metadata.published == "2025-03-06")
    }

    /// The same update shown under the headline is how a story shows its date.
    @Test func updateShownByTheHeadlineVouchesForAStory() {
        let stamp = "<p>Updated <time datetime='2025-03-06'>March 6, 2025</time></p>"
        let html = "<html><body><main><h1>Setup guide</h1>\(stamp)\(String(repeating: Self.guide, count: 4))</main></body></html>"
        let article = extracted(html)
        #expect(article.kind == .article)
        #expect(article.metadata.published == "2025-03-06")
    }

    @Test func undatedStoryLinkingASourceFromEveryParagraphIsAnArticle() throws {
        let article = extractor.extract(html: try Fixtures.bytes("story-linking-sources-every-paragraph.html"), url: "https://example.com/floods")
        #expect(article.kind == .article)
        #expect(article.text.hasPrefix("The river rises every April"))
    }
}
