# ruff: noqa: E501  (language data: whole sentences on one line)
"""Language material for the template generator: words, sentences, date phrases, and the
plain-text residue lines that widgets leave in each language (data only, no logic)."""

from __future__ import annotations

LANGS = ("nl", "de", "en", "fr", "es")

MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}
WEEKDAYS = {
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
}

# Visible published / updated labels; {d} is the day phrase of DAY_FORMATS.
PUBLISHED = {
    "nl": ("Gepubliceerd {d}", "Gepubliceerd op {d}", "{d}"),
    "de": ("Veröffentlicht am {d}", "Erschienen am {d}", "{d}"),
    "en": ("Published {d}", "Published on {d}", "{d}"),
    "fr": ("Publié le {d}", "Publié le {d}", "{d}"),
    "es": ("Publicado el {d}", "Publicado el {d}", "{d}"),
}
UPDATED = {
    "nl": ("Bijgewerkt {d}", "Laatste update: {d}"),
    "de": ("Aktualisiert am {d}", "Zuletzt aktualisiert: {d}"),
    "en": ("Updated {d}", "Last updated {d}"),
    "fr": ("Mis à jour le {d}", "Actualisé le {d}"),
    "es": ("Actualizado el {d}", "Última actualización: {d}"),
}
# day phrase: {D} day number, {M} month name, {Y} year
DAY_FORMATS = {
    "nl": ("{D} {M} {Y}",), "de": ("{D}. {M} {Y}",), "en": ("{M} {D}, {Y}", "{D} {M} {Y}"),
    "fr": ("{D} {M} {Y}",), "es": ("{D} de {M} de {Y}",),
}

SITES = {
    "nl": ("Dagblad Noord", "Het Avondnieuws", "Stadskrant", "NieuwsPunt"),
    "de": ("Rheinische Post Online", "Tagesblick", "Stadtanzeiger", "Nordkurier Digital"),
    "en": ("The Daily Ledger", "Northern Chronicle", "Metro Herald", "The Evening Post"),
    "fr": ("Le Courrier", "La Dépêche du Soir", "Ouest Info", "Le Quotidien"),
    "es": ("El Diario Sur", "La Crónica", "Noticias del Norte", "El Heraldo Digital"),
}
TLDS = {"nl": "nl", "de": "de", "en": "com", "fr": "fr", "es": "es"}
SECTIONS = {
    "nl": ("binnenland", "buitenland", "economie", "sport", "cultuur", "politiek"),
    "de": ("politik", "wirtschaft", "sport", "kultur", "panorama", "ausland"),
    "en": ("world", "politics", "business", "sport", "culture", "uk-news"),
    "fr": ("monde", "politique", "economie", "sport", "culture", "societe"),
    "es": ("internacional", "politica", "economia", "deportes", "cultura", "sociedad"),
}
KICKERS = {
    "nl": ("Buitenland", "Exclusief", "Analyse", "Achtergrond", "Live"),
    "de": ("Ausland", "Exklusiv", "Analyse", "Hintergrund", "Kommentar"),
    "en": ("World", "Exclusive", "Analysis", "Explainer", "Live"),
    "fr": ("Monde", "Exclusif", "Analyse", "Décryptage", "Direct"),
    "es": ("Internacional", "Exclusiva", "Análisis", "En directo", "Opinión"),
}
AUTHORS = ("Anna de Vries", "Jan Bakker", "Lena Fischer", "Tom Müller", "Sarah Clarke",
           "James Wood", "Claire Martin", "Louis Bernard", "Lucía García", "Pablo Ruiz")
BY = {"nl": "Door", "de": "Von", "en": "By", "fr": "Par", "es": "Por"}

PLACES = {
    "nl": ("Utrecht", "Groningen", "Brussel", "Den Haag", "Rotterdam", "Maastricht"),
    "de": ("Berlin", "Köln", "Hamburg", "München", "Leipzig", "Dresden"),
    "en": ("Manchester", "Leeds", "Boston", "Ottawa", "Dublin", "Glasgow"),
    "fr": ("Lyon", "Marseille", "Bordeaux", "Lille", "Nantes", "Strasbourg"),
    "es": ("Sevilla", "Valencia", "Bilbao", "Zaragoza", "Málaga", "Granada"),
}
PEOPLE = {
    "nl": ("minister Jansen", "burgemeester De Boer", "wethouder Visser", "premier Smit"),
    "de": ("Ministerin Weber", "Bürgermeister Schulz", "Kanzler Becker", "Senatorin Wagner"),
    "en": ("Minister Patel", "Mayor Thompson", "Senator Hughes", "Chancellor Reid"),
    "fr": ("la ministre Dubois", "le maire Laurent", "le préfet Moreau", "la sénatrice Petit"),
    "es": ("la ministra López", "el alcalde Sánchez", "el consejero Díaz", "la diputada Romero"),
}
TOPICS = {
    "nl": ("het nieuwe woningplan", "de stikstofregels", "de verbouwing van het station",
           "de begroting voor volgend jaar", "het onderwijsakkoord", "de energierekening"),
    "de": ("das neue Wohnungsgesetz", "die Reform der Schulen", "der Umbau des Bahnhofs",
           "der Haushalt für das kommende Jahr", "die Energiepreise", "das Klimapaket"),
    "en": ("the housing plan", "the rail strike", "the new school funding formula",
           "next year's budget", "the energy price cap", "the hospital merger"),
    "fr": ("le plan logement", "la réforme des retraites", "la rénovation de la gare",
           "le budget de l'année prochaine", "le prix de l'énergie", "le projet de tramway"),
    "es": ("el plan de vivienda", "la reforma educativa", "la ampliación del puerto",
           "el presupuesto del próximo año", "la factura de la luz", "el nuevo tranvía"),
}

# Sentence templates; {P} person, {L} place, {T} topic, {N} number, {Y} a year.
SENTENCES = {
    "nl": (
        "Volgens {P} is {T} hard nodig om de problemen in {L} op te lossen.",
        "De gemeenteraad van {L} stemde donderdagavond met {N} stemmen voor het voorstel.",
        "Critici wijzen erop dat de kosten sinds {Y} bijna zijn verdubbeld.",
        "Bewoners van {L} reageren verdeeld op {T}.",
        "{P} zei dinsdag dat er binnen een paar weken meer duidelijkheid komt.",
        "Het gaat om een investering van ruim {N} miljoen euro, verspreid over vijf jaar.",
        "Eerder dit jaar liep een vergelijkbaar plan vast in de Tweede Kamer.",
        "Onderzoekers van de universiteit in {L} noemen de cijfers zorgwekkend.",
        "Een woordvoerder van het ministerie wilde niet ingaan op de details.",
        "De oppositie eist dat {P} nog voor de zomer met een nieuw voorstel komt.",
        "In {L} werden vorige maand al {N} bezwaarschriften ingediend.",
        "Of {T} op tijd klaar is, hangt af van de aanbesteding die in het najaar start.",
    ),
    "de": (
        "Nach Angaben von {P} ist {T} dringend notwendig, um die Probleme in {L} zu lösen.",
        "Der Stadtrat von {L} stimmte am Donnerstagabend mit {N} Stimmen für den Antrag.",
        "Kritiker weisen darauf hin, dass sich die Kosten seit {Y} fast verdoppelt haben.",
        "Die Bewohner von {L} reagieren gespalten auf {T}.",
        "{P} sagte am Dienstag, in wenigen Wochen werde es mehr Klarheit geben.",
        "Es geht um eine Investition von rund {N} Millionen Euro über fünf Jahre.",
        "Ein ähnlicher Plan war Anfang des Jahres im Landtag gescheitert.",
        "Forscher der Universität in {L} nennen die Zahlen besorgniserregend.",
        "Ein Sprecher des Ministeriums wollte sich zu Einzelheiten nicht äußern.",
        "Die Opposition fordert, dass {P} noch vor dem Sommer einen neuen Vorschlag vorlegt.",
        "In {L} wurden bereits im vergangenen Monat {N} Einwände eingereicht.",
        "Ob {T} rechtzeitig fertig wird, hängt von der Ausschreibung im Herbst ab.",
    ),
    "en": (
        "According to {P}, {T} is urgently needed to fix the problems in {L}.",
        "The council in {L} voted {N} to 12 in favour of the proposal on Thursday evening.",
        "Critics point out that the costs have almost doubled since {Y}.",
        "Residents of {L} are divided over {T}.",
        "{P} said on Tuesday that there would be more clarity within a few weeks.",
        "The investment amounts to more than {N} million pounds, spread over five years.",
        "A similar plan stalled in parliament earlier this year.",
        "Researchers at the university in {L} called the figures worrying.",
        "A spokesperson for the department declined to comment on the details.",
        "The opposition wants {P} to present a new proposal before the summer.",
        "Last month alone, {N} objections were lodged in {L}.",
        "Whether {T} is ready on time depends on a tender that opens in the autumn.",
    ),
    "fr": (
        "Selon {P}, {T} est indispensable pour régler les problèmes de {L}.",
        "Le conseil municipal de {L} a voté jeudi soir la proposition par {N} voix.",
        "Les critiques soulignent que les coûts ont presque doublé depuis {Y}.",
        "Les habitants de {L} sont partagés sur {T}.",
        "{P} a déclaré mardi que les choses seraient plus claires d'ici quelques semaines.",
        "L'investissement dépasse {N} millions d'euros, répartis sur cinq ans.",
        "Un projet similaire avait été bloqué à l'Assemblée plus tôt cette année.",
        "Des chercheurs de l'université de {L} jugent les chiffres inquiétants.",
        "Un porte-parole du ministère n'a pas souhaité entrer dans les détails.",
        "L'opposition exige que {P} présente une nouvelle proposition avant l'été.",
        "Le mois dernier, {N} recours avaient déjà été déposés à {L}.",
        "Le calendrier de {T} dépendra de l'appel d'offres lancé à l'automne.",
    ),
    "es": (
        "Según {P}, {T} es imprescindible para resolver los problemas de {L}.",
        "El pleno de {L} aprobó el jueves por la noche la propuesta con {N} votos.",
        "Los críticos señalan que los costes casi se han duplicado desde {Y}.",
        "Los vecinos de {L} están divididos sobre {T}.",
        "{P} afirmó el martes que habrá más claridad en unas semanas.",
        "La inversión supera los {N} millones de euros, repartidos en cinco años.",
        "Un plan similar quedó bloqueado en el Congreso a principios de año.",
        "Investigadores de la universidad de {L} califican las cifras de preocupantes.",
        "Un portavoz del ministerio declinó dar más detalles.",
        "La oposición exige que {P} presente una nueva propuesta antes del verano.",
        "Solo el mes pasado se presentaron {N} alegaciones en {L}.",
        "Que {T} esté listo a tiempo depende del concurso que se abrirá en otoño.",
    ),
}
# Prose that looks like template syntax but is not (must be kept).
LOOKALIKES = {
    "fr": ("<< Nous sommes prêts >>, a assuré {P} devant la presse.",),
    "en": ("The survey grouped answers into the sets {2, 3} and {4, 5} for the analysis.",),
    "de": ("Die Formel lautet a >> b, erklärte {P} den Zuhörern.",),
    "nl": ("<< We zijn er klaar voor >>, zei {P} na afloop.",),
    "es": ("<< Estamos preparados >>, aseguró {P} ante los periodistas.",),
}

HEADINGS = {
    "nl": ("Gesprekken over {T}", "Reactie van {P}", "Kritiek uit {L}", "Hoe nu verder",
           "Kosten lopen op", "Eerdere plannen", "Bewoners bezorgd", "Wat betekent dit voor {L}",
           "Besluit in het najaar", "Cijfers op een rij"),
    "de": ("Gespräche über {T}", "Reaktion von {P}", "Kritik aus {L}", "Wie es weitergeht",
           "Kosten steigen", "Frühere Pläne", "Anwohner besorgt", "Was das für {L} bedeutet",
           "Entscheidung im Herbst", "Die Zahlen im Überblick"),
    "en": ("Talks on {T}", "How {P} responded", "Criticism from {L}", "What happens next",
           "Costs are rising", "Earlier plans", "Residents worried", "What it means for {L}",
           "Decision in the autumn", "The figures"),
    "fr": ("Discussions sur {T}", "La réaction de {P}", "Critiques à {L}", "Et maintenant",
           "Des coûts en hausse", "Des projets antérieurs", "Des habitants inquiets",
           "Ce que cela change pour {L}", "Décision à l'automne", "Les chiffres clés"),
    "es": ("Negociaciones sobre {T}", "La reacción de {P}", "Críticas desde {L}",
           "Qué pasará ahora", "Los costes se disparan", "Planes anteriores",
           "Vecinos preocupados", "Qué supone para {L}", "Decisión en otoño", "Las cifras"),
}
TITLES = {
    "nl": ("{L} stemt in met {T}", "Ophef in {L} over {T}", "{P} wil vaart maken met {T}",
           "Kosten van {T} flink hoger dan gedacht"),
    "de": ("{L} stimmt {T} zu", "Streit in {L} über {T}", "{P} will {T} beschleunigen",
           "Kosten für {T} deutlich höher als gedacht"),
    "en": ("{L} backs {T}", "Row in {L} over {T}", "{P} wants to speed up {T}",
           "Cost of {T} far higher than expected"),
    "fr": ("{L} approuve {T}", "Polémique à {L} sur {T}", "{P} veut accélérer {T}",
           "Le coût de {T} bien plus élevé que prévu"),
    "es": ("{L} aprueba {T}", "Polémica en {L} por {T}", "{P} quiere acelerar {T}",
           "El coste de {T} se dispara"),
}
CAPTIONS = {
    "nl": "Het stadhuis van {L}. Foto: ANP", "de": "Das Rathaus von {L}. Foto: dpa",
    "en": "The town hall in {L}. Photo: PA", "fr": "L'hôtel de ville de {L}. Photo : AFP",
    "es": "El ayuntamiento de {L}. Foto: EFE",
}
READ_ALSO = {"nl": ("Lees ook:", "Lees ook", "Meer over dit onderwerp:"),
             "de": ("Lesen Sie auch:", "Auch interessant:", "Mehr zum Thema:"),
             "en": ("Read also:", "Read more:", "Related:"),
             "fr": ("Lire aussi :", "À lire aussi :", "Sur le même sujet :"),
             "es": ("Lee también:", "Te puede interesar:", "Más información:")}
RELATED_BOX = {"nl": "Meer nieuws", "de": "Mehr zum Thema", "en": "More on this story",
               "fr": "À lire aussi", "es": "Más noticias"}
MOST_READ = {"nl": "Meest gelezen", "de": "Meistgelesen", "en": "Most read",
             "fr": "Les plus lus", "es": "Lo más leído"}
SHARE = {"nl": "Deel dit artikel", "de": "Artikel teilen", "en": "Share this article",
         "fr": "Partager cet article", "es": "Compartir este artículo"}
COPYRIGHT = {"nl": "Alle rechten voorbehouden.", "de": "Alle Rechte vorbehalten.",
             "en": "All rights reserved.", "fr": "Tous droits réservés.",
             "es": "Todos los derechos reservados."}

# Plain-text lines that belong to a widget: they go with it (DESIGN.md, the seed case).
RESIDUE = {
    "nl": {
        "error": ("Vul een geldig emailadres in.", "Er ging iets mis. Probeer het later opnieuw."),
        "confirm": ("Bedankt voor je aanmelding!", "Check je inbox om je inschrijving te bevestigen."),
        "unsubscribe": ("Je kunt je op elk moment afmelden.",
                        "Afmelden kan altijd via de link onderaan elke nieuwsbrief."),
        "consent": ("Ik ga akkoord met de privacyverklaring.",
                    "Ja, ik wil de nieuwsbrief ontvangen."),
        "paywall": ("Dit artikel is alleen voor abonnees.",
                    "Log in of word abonnee om verder te lezen."),
        "email": ("Je e-mailadres",),
    },
    "de": {
        "error": ("Bitte geben Sie eine gültige E-Mail-Adresse ein.",
                  "Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut."),
        "confirm": ("Vielen Dank für Ihre Anmeldung!",
                    "Bitte bestätigen Sie Ihre Anmeldung in der E-Mail, die wir Ihnen geschickt haben."),
        "unsubscribe": ("Sie können sich jederzeit wieder abmelden.",
                        "Die Abmeldung ist jederzeit über den Link im Newsletter möglich."),
        "consent": ("Ich stimme der Datenschutzerklärung zu.",
                    "Ja, ich möchte den Newsletter erhalten."),
        "paywall": ("Dieser Artikel ist nur für Abonnenten verfügbar.",
                    "Melden Sie sich an, um weiterzulesen."),
        "email": ("Ihre E-Mail-Adresse",),
    },
    "en": {
        "error": ("Please enter a valid email address.", "Something went wrong. Please try again."),
        "confirm": ("Thanks for signing up!", "Check your inbox to confirm your subscription."),
        "unsubscribe": ("You can unsubscribe at any time.",
                        "Unsubscribe at any time using the link in our emails."),
        "consent": ("I agree to the privacy policy.", "Yes, send me the newsletter."),
        "paywall": ("This article is for subscribers only.",
                    "Log in or subscribe to keep reading."),
        "email": ("Your email address",),
    },
    "fr": {
        "error": ("Veuillez saisir une adresse e-mail valide.",
                  "Une erreur s'est produite. Veuillez réessayer."),
        "confirm": ("Merci pour votre inscription !",
                    "Consultez votre boîte mail pour confirmer votre inscription."),
        "unsubscribe": ("Vous pouvez vous désinscrire à tout moment.",
                        "Désinscription possible à tout moment via le lien en bas de chaque e-mail."),
        "consent": ("J'accepte la politique de confidentialité.",
                    "Oui, je souhaite recevoir la newsletter."),
        "paywall": ("Cet article est réservé aux abonnés.",
                    "Connectez-vous ou abonnez-vous pour lire la suite."),
        "email": ("Votre adresse e-mail",),
    },
    "es": {
        "error": ("Introduce una dirección de correo electrónico válida.",
                  "Algo salió mal. Inténtalo de nuevo."),
        "confirm": ("¡Gracias por suscribirte!",
                    "Revisa tu bandeja de entrada para confirmar la suscripción."),
        "unsubscribe": ("Puedes darte de baja en cualquier momento.",
                        "Puedes cancelar la suscripción con el enlace de cada correo."),
        "consent": ("Acepto la política de privacidad.", "Sí, quiero recibir el boletín."),
        "paywall": ("Este artículo es solo para suscriptores.",
                    "Inicia sesión o suscríbete para seguir leyendo."),
        "email": ("Tu correo electrónico",),
    },
}
# Local UTC offsets (hours) a publisher in that language uses: (winter, summer).
ZONES = {"nl": ((1, 2),), "de": ((1, 2),), "fr": ((1, 2),), "es": ((1, 2),),
         "en": ((0, 1), (-5, -4), (-8, -7))}
