"""Text for the bundled demo news site: headlines, sentence banks, widgets, the seed article.

Data only; ``generate.py`` renders it into static HTML/XML files.
"""

from __future__ import annotations

from typing import Final

DAYS: Final = ("2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04")

# (section, language, headline, topic noun phrase)
HEADLINES: Final = (
    ("binnenland", "nl", "Kabinet presenteert plan voor betaalbare huurwoningen", "het woningplan"),
    ("binnenland", "nl", "Treinverkeer rond Utrecht urenlang verstoord door storing", "de storing"),
    ("binnenland", "nl", "Gemeenten krijgen meer geld voor jeugdzorg", "de jeugdzorg"),
    ("binnenland", "nl", "Waterschappen waarschuwen voor droogte in het oosten", "de droogte"),
    ("binnenland", "nl", "Nieuwe regels voor e-bikes op fietspaden", "de nieuwe regels"),
    ("binnenland", "nl", "Universiteiten beperken instroom internationale studenten",
     "de instroom"),
    ("buitenland", "nl", "Overstromingen treffen delen van Midden-Europa", "de overstromingen"),
    ("buitenland", "nl", "Verkiezingen in Noorwegen draaien om energieprijzen", "de verkiezingen"),
    ("buitenland", "nl", "Europese ministers overleggen over migratiepact", "het migratiepact"),
    ("buitenland", "nl", "Bosbranden in Portugal onder controle", "de bosbranden"),
    ("buitenland", "nl", "Japan kiest nieuwe leider van regeringspartij", "de partijkeuze"),
    ("economie", "nl", "Inflatie daalt voor derde maand op rij", "de inflatie"),
    ("economie", "nl", "Havenbedrijf Rotterdam meldt recordoverslag", "de overslag"),
    ("economie", "nl", "Bakkers klagen over hoge energierekening", "de energierekening"),
    ("economie", "nl", "Pensioenfondsen stappen over op nieuw stelsel", "het nieuwe stelsel"),
    ("economie", "nl", "Werkloosheid blijft historisch laag", "de werkloosheid"),
    ("economie", "nl", "Supermarkten verlagen prijzen van groente", "de prijsverlaging"),
    ("world", "en", "Leaders gather for climate talks in Nairobi", "the climate talks"),
    ("world", "en", "Heatwave pushes southern Europe to record temperatures", "the heatwave"),
    ("world", "en", "Ceasefire talks resume after weeks of deadlock", "the ceasefire talks"),
    ("world", "en", "Chile approves new mining royalty law", "the royalty law"),
    ("world", "en", "Monsoon floods displace thousands in Bangladesh", "the floods"),
    ("world", "en", "Canada announces new wildfire response fund", "the wildfire fund"),
    ("tech", "en", "Open-source browser engine reaches first stable release", "the browser engine"),
    ("tech", "en", "Chipmakers race to build plants in Europe", "the new plants"),
    ("tech", "en", "City council pilots self-driving buses", "the bus pilot"),
    ("tech", "en", "Researchers unveil low-power weather model", "the weather model"),
    ("tech", "en", "Regulators fine app store over payment rules", "the fine"),
    ("tech", "en", "Satellite internet reaches remote islands", "the satellite service"),
    ("business", "en", "Airline orders fifty short-haul jets", "the order"),
    ("business", "en", "Coffee prices climb after poor harvest", "the coffee market"),
    ("business", "en", "Retailer closes stores as online sales grow", "the closures"),
    ("business", "en", "Central bank holds interest rates steady", "the rate decision"),
    ("business", "en", "Shipping firm posts strong quarterly results", "the results"),
    ("business", "en", "Start-up raises funds for battery recycling", "the funding round"),
)

SENTENCES: Final = {
    "nl": (
        "Volgens betrokkenen is {topic} al maanden onderwerp van gesprek in Den Haag.",
        "Deskundigen verwachten dat {topic} de komende jaren grote gevolgen heeft.",
        "Een woordvoerder liet woensdag weten dat er nog geen definitief besluit is genomen.",
        "Critici vinden dat de maatregelen te laat komen en te weinig opleveren.",
        "In de regio reageerden inwoners verdeeld op het nieuws over {topic}.",
        "De cijfers zijn afkomstig van het Centraal Bureau voor de Statistiek.",
        "Eerder dit jaar werd al gewaarschuwd voor de gevolgen van {topic}.",
        "De oppositie wil dat de minister snel met een toelichting komt.",
        "Vakbonden en werkgevers zeggen bereid te zijn om mee te denken.",
        "Het is nog onduidelijk hoeveel geld er uiteindelijk nodig is voor {topic}.",
        "Lokale bestuurders vragen om meer duidelijkheid over de planning.",
        "Een eerste evaluatie wordt in het voorjaar verwacht.",
    ),
    "en": (
        "Officials said {topic} had been under discussion for several months.",
        "Analysts expect {topic} to shape policy for years to come.",
        "A spokesperson said on Wednesday that no final decision had been made.",
        "Critics argue the measures come too late and do too little.",
        "Residents in the region gave a mixed response to the news about {topic}.",
        "The figures were published by the national statistics office.",
        "Earlier this year experts had already warned about {topic}.",
        "Opposition leaders called for a full explanation from the government.",
        "Unions and employers both said they were willing to cooperate.",
        "It remains unclear how much money will eventually be needed for {topic}.",
        "Local officials asked for more clarity about the timetable.",
        "A first review of the plan is expected next spring.",
    ),
}

SUBHEADINGS: Final = {
    "nl": ("Reacties uit de politiek", "Wat betekent dit voor inwoners", "Hoe verder",
           "Kritiek van deskundigen", "De cijfers op een rij"),
    "en": ("Political reactions", "What it means for residents", "What happens next",
           "Criticism from experts", "The numbers"),
}

# Template-artefact widgets: (syntax name, HTML placed between two body paragraphs).
WIDGETS: Final = (
    ("curly-trans", '<div class="mt-4 block-21"><p>'
     "{{ trans('customs.newsletter_signup.header') }}"
     "</p><p>{{ trans('customs.buttons.signup') }} {{ subTitle }}</p></div>"),
    ("guillemet-trans", '<div class="box-3"><span><< trans(\'messages.subscribe.title\') >></span> '
     "<span><< trans('messages.subscribe.cta') >></span></div>"),
    ("jinja-block", '<div class="promo">{% if user.is_authenticated %} {{ user.first_name }} '
     "{% else %} {% trans 'login.prompt' %} {% endif %}</div>"),
    ("blade-lang", "<div class=\"cta\"><p>@lang('site.read_more') @lang('site.subscribe_now')"
     "</p></div>"),
    ("vue-element", '<div v-if="showPaywall" class="paywall"><h4>{{ paywall.title }}</h4>'
     "<p>{{ paywall.body }}</p></div>"),
    ("x-template", '<script type="text/x-template" id="poll"><div>{{ poll.question }}</div>'
     "</script>"
     '<template id="share-tpl"><span>{{ share.count }}</span></template>'),
    ("erb-and-brackets", '<div class="counter"><p><%= ad.slot_name %> [[ share.total ]] '
     "{!! $footer_html !!}</p></div>"),
    ("i18n-calls", "<div class=\"meta-box\"><p>__('messages.more_news') "
     "customs.buttons.readmore</p></div>"),
)

# Inline template tokens inside real sentences (cut out, the sentence kept): (before, token, after).
INLINE_TOKENS: Final = {
    "nl": ("De redactie volgt het nieuws op de voet", "{{ trans('article.follow') }}", "."),
    "en": ("Our reporters will keep following the story", "@lang('article.follow_up')", "."),
}

BOILERPLATE: Final = {
    "nl": {
        "newsletter": ("Meld je aan voor onze nieuwsbrief", "Elke ochtend het belangrijkste nieuws "
                       "in je mailbox.", "Aanmelden"),
        "read_also": "Lees ook",
        "share": ("Deel op Facebook", "Deel op X", "Kopieer link"),
        "ad": "Advertentie",
        "credit": "Foto: ANP",
        "published": "Gepubliceerd op",
    },
    "en": {
        "newsletter": ("Sign up for our newsletter", "The day's top stories in your inbox every "
                       "morning.", "Sign up"),
        "read_also": "Read also",
        "share": ("Share on Facebook", "Share on X", "Copy link"),
        "ad": "Advertisement",
        "credit": "Photo: Reuters",
        "published": "Published",
    },
}

MONTHS: Final = {"nl": "september", "en": "September"}

SEED_TITLE: Final = "Xi, Poetin en Kim Jong-un voor het eerst samen in Peking"
SEED_SLUG: Final = "xi-poetin-en-kim-samen-in-peking"
SEED_DATE: Final = "2025-09-03"
