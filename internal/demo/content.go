package demo

// The words the demo organisation is made of. Everything here is plain data;
// build.go draws from it with the seeded random source, always by index, so
// the same seed picks the same words.

const (
	orgName = "Kestrel Cloud"
	domain  = "kestrel.example"
)

// productSpec describes one of the three products integrated into the
// Kestrel Cloud suite, as in the chapter's hypothetical company.
type productSpec struct {
	key, name, short, description string
	// defaultTeams is the product's number of teams in the default
	// organisation; with Options.Teams set, teams are spread in the same
	// proportion.
	defaultTeams int
	// major is the major version of the product's releases.
	major int
	// weekday is when the product's two-week sprints start: the products
	// skew their sprints, as the chapter's closing story recommends, so
	// that people shared between them can move with little disruption.
	weekday     int
	areas       []area
	initiatives []initiativeSpec
	features    []string // "Title|object of the stories"
	bugs        []string // hot-fix titles
	// sizes tells that the Chief Product Owner sizes features in t-shirt
	// sizes rather than in feature units.
	sizes      bool
	testers    int
	operations int
}

// area is what a team owns within a product.
type area struct{ name, description string }

type initiativeSpec struct{ title, description string }

var products = []productSpec{
	{
		key:          "MAIL",
		name:         "Kestrel Mail",
		short:        "Mail",
		description:  "Email marketing: campaigns, automated journeys, templates and the sending platform that delivers billions of messages a month.",
		defaultTeams: 4,
		major:        8,
		weekday:      1, // Monday
		areas: []area{
			{"Deliverability", "Inbox placement, bounce handling, feedback loops and sender reputation."},
			{"Campaigns", "The campaign editor, scheduling and A/B testing of campaigns."},
			{"Journeys", "Automated, trigger-based customer journeys and their canvas."},
			{"Templates", "The drag-and-drop template builder and the shared template gallery."},
			{"Sending Platform", "The MTA fleet, queues and throughput of outgoing mail."},
			{"Audiences", "Lists, segments and the sync of audiences with Kestrel CRM."},
			{"Compliance", "Consent, unsubscribe handling, GDPR and CAN-SPAM tooling."},
			{"Inbox Preview", "Rendering previews across email clients and devices."},
		},
		initiatives: []initiativeSpec{
			{"Move every sender to authenticated sending", "SPF, DKIM and DMARC set up for every account, so that mailbox providers' new rules never bounce our customers' mail."},
			{"Journeys 2.0", "Rebuild automated journeys on the event stream shared with CRM and Insight: branching, waits and goals."},
			{"One audience across the suite", "Segments defined once and used in Mail, CRM and Insight alike, without nightly exports."},
			{"AI-assisted campaign writing", "Subject lines, copy suggestions and send-time advice, with a human always in the loop."},
		},
		features: []string{
			"Send-time optimisation|send-time optimiser",
			"Subject line A/B tests with automatic winner|subject line test",
			"DMARC set-up wizard|DMARC wizard",
			"Bounce classification v2|bounce classifier",
			"Branching in journeys|journey branch step",
			"Wait-until steps in journeys|wait-until step",
			"Journey goals and exit criteria|journey goal",
			"Reusable content blocks|content block library",
			"Dark-mode template previews|dark-mode preview",
			"Template gallery for agencies|agency template gallery",
			"Dedicated IP warm-up plans|IP warm-up planner",
			"Per-domain sending throttles|domain throttle",
			"Real-time segment sync with CRM|CRM segment sync",
			"Suppression list import|suppression list importer",
			"One-click unsubscribe (RFC 8058)|one-click unsubscribe",
			"Consent history per contact|consent history",
			"Preference centre builder|preference centre",
			"Inbox preview for Outlook 2021|Outlook preview",
			"Link tracking on custom domains|custom tracking domain",
			"Campaign calendar view|campaign calendar",
			"Multi-language campaigns|campaign translation",
			"Transactional email API v3|transactional API",
			"Spam score check before sending|spam score check",
			"Engagement-based sunset policies|sunset policy",
			"Shared approval workflow for campaigns|campaign approval flow",
			"AMP for Email support|AMP renderer",
			"Image hosting with CDN purge|image CDN",
			"Throughput dashboard for the MTA fleet|MTA throughput dashboard",
			"Seed-list inbox placement tests|seed-list test",
			"Journey analytics in Insight|journey analytics feed",
			"Campaign cloning across accounts|campaign cloner",
			"Countdown timers in emails|countdown timer block",
			"SMS fallback for journeys|SMS fallback step",
			"Template version history|template history",
			"Frequency capping across journeys|frequency cap",
			"Bulk resend to non-openers|resend-to-non-openers action",
			"List hygiene report|list hygiene report",
			"BIMI logo support|BIMI record check",
		},
		bugs: []string{
			"Hot-fix: soft bounces counted as hard bounces for Yahoo addresses",
			"Hot-fix: scheduled campaigns sent an hour early after the DST change",
			"Hot-fix: template builder loses images pasted from Word",
			"Hot-fix: journey waits stuck for contacts without a time zone",
			"Hot-fix: unsubscribe link broken in plain-text parts",
		},
		testers:    2,
		operations: 2,
	},
	{
		key:          "CRM",
		name:         "Kestrel CRM",
		short:        "CRM",
		description:  "Contacts, companies, deals and pipelines for small sales teams, sharing one customer record with Mail and Insight.",
		defaultTeams: 3,
		major:        5,
		weekday:      3, // Wednesday
		areas: []area{
			{"Contacts", "The contact record, its timeline and de-duplication."},
			{"Pipelines", "Deals, pipelines, stages and the forecast of the sales team."},
			{"Integrations", "The public API, webhooks and the connectors marketplace."},
			{"Companies", "Company records, hierarchies and enrichment."},
			{"Mobile", "The iOS and Android apps for sales people on the road."},
			{"Data Import", "Imports from spreadsheets and other CRMs, mapping and clean-up."},
			{"Access Control", "Roles, teams, field-level permissions and audit."},
			{"Lead Scoring", "Scoring models that rank leads from Mail and web activity."},
		},
		initiatives: []initiativeSpec{
			{"One customer timeline", "Every touch-point from Mail, CRM and Insight on one contact timeline, in the order it happened."},
			{"Pipelines for larger sales teams", "Multiple pipelines, territories and forecasts so that teams of fifty can run on Kestrel CRM."},
			{"Open the platform", "A versioned public API, webhooks and a marketplace for partner integrations."},
			{"Enterprise-grade access control", "Roles, field-level permissions and audit to pass enterprise security reviews."},
		},
		features: []string{
			"Unified contact timeline|contact timeline",
			"Duplicate contact merge suggestions|duplicate finder",
			"Multiple pipelines per account|pipeline switcher",
			"Deal stage probabilities|stage probability",
			"Weighted sales forecast|forecast view",
			"Sales territories|territory rules",
			"Webhooks v2 with retries|webhook dispatcher",
			"Public API rate-limit headers|API rate limiter",
			"Connector marketplace listing|marketplace listing",
			"Company hierarchies|company hierarchy",
			"Company enrichment from public data|enrichment service",
			"Offline mode in the mobile app|offline sync",
			"Business card scanner|card scanner",
			"Import from spreadsheet with field mapping|import mapper",
			"Import from Salesforce|Salesforce importer",
			"Custom roles|role editor",
			"Field-level permissions|field permission",
			"Audit log export|audit export",
			"Lead scoring model builder|scoring model",
			"Lead scores from Mail engagement|engagement signal",
			"Tasks and reminders on deals|deal reminder",
			"Email logging from Gmail and Outlook|mailbox logger",
			"Quotes with product catalogue|quote builder",
			"Deal rotting alerts|stale-deal alert",
			"Saved views and filters|saved view",
			"Bulk edit of records|bulk editor",
			"Calling from the browser|click-to-call widget",
			"Meeting scheduler links|meeting scheduler",
			"Custom objects|custom object",
			"Sandbox accounts for admins|sandbox",
			"SAML single sign-on|SSO connection",
			"Activity reports per rep|rep activity report",
			"Mobile push notifications for deals|push notification",
			"Data retention policies|retention policy",
			"Two-way sync of segments with Mail|segment sync",
			"Lead assignment rules|assignment rule",
		},
		bugs: []string{
			"Hot-fix: contact merge drops notes of the second record",
			"Hot-fix: API returns 500 for deals without an owner",
			"Hot-fix: mobile app crashes on Android 14 when opening a company",
			"Hot-fix: forecast totals ignore closed-won deals in other currencies",
		},
		testers:    2,
		operations: 1,
		sizes:      true,
	},
	{
		key:          "INSIGHT",
		name:         "Kestrel Insight",
		short:        "Insight",
		description:  "Analytics for the whole suite: dashboards, attribution, reports and the data pipeline that feeds them from Mail and CRM.",
		defaultTeams: 5,
		major:        3,
		weekday:      2, // Tuesday
		areas: []area{
			{"Dashboards", "Dashboards, widgets and sharing of them."},
			{"Attribution", "Multi-touch attribution of revenue to campaigns and journeys."},
			{"Data Pipeline", "The event stream and ingestion from Mail, CRM and the web."},
			{"Reporting", "Scheduled reports, exports and the report builder."},
			{"Query Engine", "The columnar store and the query service behind every chart."},
			{"Forecasting", "Revenue and engagement forecasts and their models."},
			{"Warehouse Export", "Exports to Snowflake, BigQuery and Redshift."},
			{"Experimentation", "Experiment analysis and statistical significance."},
		},
		initiatives: []initiativeSpec{
			{"Real-time analytics", "From nightly batches to minutes: the event stream feeds every dashboard as it happens."},
			{"Revenue attribution across the suite", "Attribute revenue in CRM to the campaigns and journeys in Mail that earned it."},
			{"Self-service reporting", "Customers build, schedule and share their own reports without asking support."},
			{"Bring your own warehouse", "Push every Kestrel event to the customer's own data warehouse."},
		},
		features: []string{
			"Streaming ingestion of Mail events|event stream consumer",
			"Streaming ingestion of CRM changes|CRM change feed",
			"Dashboard sharing with view-only links|share link",
			"Dashboard filters that apply to every widget|global filter",
			"Funnel widget|funnel widget",
			"Cohort retention chart|cohort chart",
			"Multi-touch attribution models|attribution model",
			"First- and last-touch attribution reports|touch attribution report",
			"Revenue by campaign report|revenue report",
			"Report builder with drag-and-drop|report builder",
			"Scheduled report e-mails|report scheduler",
			"CSV and XLSX export of reports|report exporter",
			"Snowflake export|Snowflake connector",
			"BigQuery export|BigQuery connector",
			"Redshift export|Redshift connector",
			"Query caching layer|query cache",
			"Partition pruning in the query engine|partition planner",
			"Engagement forecast|engagement forecast model",
			"Revenue forecast with confidence bands|revenue forecast model",
			"Experiment significance calculator|significance calculator",
			"Experiment results in campaign reports|experiment panel",
			"Anomaly alerts on key metrics|anomaly detector",
			"Custom metrics with formulas|metric formula editor",
			"Embedded dashboards for partners|embed SDK",
			"Data freshness indicator|freshness indicator",
			"Usage analytics for account admins|usage report",
			"Goal tracking for journeys|journey goal tracker",
			"Time-zone aware reporting|time-zone converter",
			"Backfill tooling for late events|backfill job",
			"PII masking in exports|PII masker",
			"Dashboard templates gallery|dashboard template",
			"Annotations on charts|chart annotation",
			"Web tracking snippet v2|tracking snippet",
			"Segment comparison view|segment comparison",
			"Query timeouts and cancellation|query canceller",
			"Data retention per account|retention job",
			"Pipeline lag dashboard for operations|pipeline lag monitor",
		},
		bugs: []string{
			"Hot-fix: dashboards show yesterday's totals for accounts east of UTC",
			"Hot-fix: Snowflake export retries forever on expired credentials",
			"Hot-fix: funnel widget double-counts contacts merged in CRM",
			"Hot-fix: scheduled reports sent without attachments",
		},
		testers:    3,
		operations: 2,
	},
}

// featureQualifiers tell apart features of the same title once a large
// organisation has used every title of its product once.
var featureQualifiers = []string{
	"for enterprise accounts",
	"in the mobile apps",
	"for agencies",
	"for EU data residency",
	"phase 2",
	"for the partner API",
	"at ten times the volume",
	"for accounts with sub-accounts",
}

// storyTemplate is one way of breaking a feature down into a story: its
// title and acceptance criteria, where %s is the feature's object, and its
// labels.
type storyTemplate struct {
	title    string
	labels   []string
	criteria []string
}

// storyTemplates break a feature down into stories. They are listed in the
// order a team usually works them.
var storyTemplates = []storyTemplate{
	{"Spike: options for the %s", []string{"spike"}, []string{
		"At least two options for the %s compared on effort, risk and running cost",
		"A recommendation written up and agreed with the Principal Architect",
		"Follow-up stories created and estimated",
		"Time-boxed to three days",
	}},
	{"Data model and migration for the %s", []string{"data"}, []string{
		"The migration runs forward and back on a copy of production",
		"No downtime and no table lock longer than a second while it runs",
		"Indexes cover the queries of the %s",
		"Existing data is unchanged, checked by row counts and checksums",
	}},
	{"API endpoints for the %s", []string{"api"}, []string{
		"Create, read, update and delete of the %s through the public API",
		"Documented in the OpenAPI document with examples",
		"Invalid input answers 422 naming the field",
		"Rate limits apply as for every other endpoint",
	}},
	{"Settings page for the %s", []string{"ux"}, []string{
		"An account admin can switch the %s on and off",
		"Changes take effect within a minute and are confirmed on the page",
		"Follows the design system: no new colours or components",
	}},
	{"Permissions for the %s", []string{"security"}, []string{
		"Only roles granted the new permission can change the %s",
		"Read-only users see the %s but cannot change it",
		"Denied requests answer 403 and are logged",
		"Reviewed by the security champion",
	}},
	{"Main screen of the %s", []string{"ux"}, []string{
		"Matches the approved design at 1366 and 1920 pixels wide",
		"Loads in under a second for an account with 100,000 contacts",
		"Usable on a tablet in portrait",
		"Copy reviewed by the UX writer",
	}},
	{"Empty and error states of the %s", []string{"ux"}, []string{
		"A first-time user sees what the %s is for and how to start",
		"Every error tells what went wrong and what to do next",
		"No stack traces or error codes shown to customers",
	}},
	{"Keyboard and screen-reader support in the %s", []string{"ux", "accessibility"}, []string{
		"Every action of the %s can be done by keyboard alone",
		"Passes WCAG 2.2 AA in the axe checks",
		"Tested with VoiceOver and NVDA",
	}},
	{"Audit trail of changes to the %s", []string{"security", "data"}, []string{
		"Every change to the %s records who, when, and the old and new values",
		"The audit trail is visible to account admins and exportable",
		"Audit records are kept for 400 days",
	}},
	{"Webhooks for the %s", []string{"api", "integration"}, []string{
		"A webhook fires within 30 seconds of every change to the %s",
		"Failed deliveries are retried with back-off for 24 hours",
		"Payloads are signed and the signature is documented",
	}},
	{"CSV export from the %s", []string{"data"}, []string{
		"Exports up to a million rows without timing out",
		"Columns match the import format, so an export can be re-imported",
		"Dates are ISO 8601 in UTC",
	}},
	{"Localise the %s (de, fr, es, ja)", []string{"i18n"}, []string{
		"Every string of the %s is in the translation files",
		"Reviewed by native speakers for de, fr, es and ja",
		"Layouts hold with German text 40 % longer",
	}},
	{"Usage tracking of the %s in Insight", []string{"analytics"}, []string{
		"Opening and using the %s send events to the Insight event stream",
		"Events carry no personal data",
		"A dashboard in Insight shows daily use per plan",
	}},
	{"Integration tests of the %s across Mail, CRM and Insight", []string{"testing", "integration"}, []string{
		"The suite covers the main path of the %s in every product",
		"Runs in the nightly integration build in under 15 minutes",
		"Failures name the product and step that broke",
	}},
	{"Load test the %s at peak volume", []string{"performance"}, []string{
		"Holds three times last year's peak traffic for an hour",
		"95th percentile latency stays under 300 ms",
		"No errors and no growth in memory over the run",
		"Results shared with operations",
	}},
	{"Alerts and dashboards for the %s", []string{"ops"}, []string{
		"Error rate, latency and saturation of the %s on the service dashboard",
		"Paging alerts with a runbook link for each",
		"Alert thresholds agreed with operations",
	}},
	{"Migrate existing accounts to the %s", []string{"data", "ops"}, []string{
		"Every existing account runs on the %s, in batches of 1,000",
		"Each batch can be rolled back",
		"Customers see no change except the new option",
	}},
	{"Feature flag and staged roll-out of the %s", []string{"ops"}, []string{
		"The %s is behind a flag, off by default",
		"Rolled out to 1 %, 10 % and then all accounts, a day apart",
		"Switching the flag off restores the old behaviour at once",
	}},
	{"Beta feedback fixes for the %s", []string{"ux"}, []string{
		"Every issue the beta customers raised is fixed or has a decision",
		"Beta customers told what changed",
		"No open bugs of severity 1 or 2",
	}},
	{"Help-centre article on the %s", []string{"docs"}, []string{
		"An article explains the %s with screenshots",
		"Linked from the %s itself",
		"Reviewed by customer support",
	}},
}

// chore is a story of upkeep that belongs to no feature.
type chore struct {
	title    string
	labels   []string
	criteria []string
}

// chores are the upkeep every team does.
var chores = []chore{
	{"Upgrade the Go toolchain and dependencies", []string{"tech-debt"}, []string{"Every service builds with the new Go version", "No dependency more than one minor version behind", "CI green"}},
	{"Fix flaky end-to-end tests", []string{"tech-debt", "testing"}, []string{"The five flakiest tests pass 100 times in a row", "Flaky tests are quarantined automatically from now on"}},
	{"Remove feature flags of shipped features", []string{"tech-debt"}, []string{"Flags of features released more than a month ago are gone", "Dead code behind them removed"}},
	{"Rotate service credentials", []string{"security", "ops"}, []string{"Every database and API credential older than 90 days rotated", "No downtime during the rotation"}},
	{"Patch base images for the latest CVEs", []string{"security"}, []string{"No critical or high CVE in the image scan", "Images rebuilt and deployed to every environment"}},
	{"Bring CI time under ten minutes", []string{"tech-debt", "performance"}, []string{"The main pipeline runs in under ten minutes at the 90th percentile", "No test skipped to get there"}},
	{"Clean up unused database indexes", []string{"tech-debt", "performance"}, []string{"Indexes unused for 30 days dropped", "Write latency measured before and after"}},
	{"Update the on-call runbook", []string{"ops", "docs"}, []string{"Every paging alert links a runbook section", "Reviewed by the on-call rotation"}},
	{"Upgrade the PostgreSQL minor version", []string{"ops"}, []string{"Every cluster on the latest minor version", "Fail-over tested on staging first"}},
	{"Reduce log noise in production", []string{"tech-debt", "ops"}, []string{"Log volume down by half", "No error-level log line for expected conditions"}},
	{"Pay down lint warnings", []string{"tech-debt"}, []string{"Zero lint warnings on the main branch", "The linter runs in CI and fails the build"}},
	{"Archive old staging environments", []string{"ops"}, []string{"Environments unused for 60 days archived", "Monthly cloud bill for staging down"}},
	{"Add tracing to slow endpoints", []string{"performance", "ops"}, []string{"The ten slowest endpoints traced end to end", "Traces visible in the shared dashboard"}},
	{"Review and tidy alert thresholds", []string{"ops"}, []string{"No alert fired more than five times last month without action", "Thresholds documented"}},
}

// featureCriteria are the acceptance criteria of features; %s is the
// feature's object.
var featureCriteria = []string{
	"The %s is available to every customer of the product, behind a flag until the release",
	"Integration and regression tests of the %s green across Mail, CRM and Insight",
	"Operations have the runbook and dashboards of the %s",
	"The release notes and the help centre describe the %s",
}

// hotfixCriteria are the acceptance criteria of the stories of a hot-fix;
// %s is what is broken.
var hotfixCriteria = []string{
	"The fault (%s) reproduced by an automated test that fails before the fix",
	"The test passes on staging with production-like data",
	"Operations agree the deployment plan",
}

// extraReadiness are entries some teams add to the default definition of
// ready.
var extraReadiness = []string{
	"UX design agreed with the Director of UX",
	"Test data available on staging",
	"Security impact assessed",
	"Operations consulted on the roll-out",
	"Acceptance criteria reviewed with a tester",
}

// blockedReasons are why a story in progress stops.
var blockedReasons = []string{
	"Waiting for the API change of another team",
	"Staging environment down since this morning",
	"Needs a decision from the Product Owner on the edge cases",
	"Waiting for the security review",
	"Sandbox credentials of the partner expired",
	"Waiting for test data from operations",
	"Design not final: waiting for the Director of UX",
}

// sprintGoals are the sprint goal patterns; %[1]s is the main feature of the
// sprint and %[2]s the next one.
var sprintGoals = []string{
	"Finish %[1]s and start on %[2]s",
	"Get %[1]s ready for beta customers",
	"Ship %[1]s behind a flag; first stories of %[2]s",
	"Close the remaining stories of %[1]s",
	"Run %[1]s end to end on staging",
	"Demo %[1]s to the Chief Product Owner; begin %[2]s",
}

// codenames make team names unique across the organisation.
var codenames = []string{
	"Falcon", "Harbor", "Kite", "Orca", "Lynx", "Comet", "Juniper", "Maple",
	"Nova", "Quartz", "Atlas", "Beacon", "Cedar", "Delta", "Ember", "Fjord",
	"Glacier", "Heron", "Iris", "Jasper", "Lagoon", "Meridian", "Nimbus", "Onyx",
	"Pioneer", "Quill", "Raven", "Sierra", "Tundra", "Vega", "Willow", "Yarrow",
	"Zephyr", "Aurora", "Basalt", "Cobalt", "Drift", "Echo", "Flint", "Granite",
	"Horizon", "Indigo", "Kelp", "Lumen", "Mistral", "Opal", "Pebble", "Ridge",
	"Sable", "Tide", "Vireo", "Wren", "Alder", "Birch", "Cypress", "Dune",
	"Fern", "Grove", "Hazel", "Ibis", "Marlin", "Puffin", "Summit", "Osprey",
}

// firstNames and lastNames are drawn from many cultures, as in a company
// that hires across time zones.
var firstNames = []string{
	"Amara", "Aiko", "Aleksandra", "Amir", "Ana", "Andrei", "Anika", "Arjun",
	"Astrid", "Beatriz", "Bilal", "Camille", "Carlos", "Chen", "Chiara", "Chloé",
	"Dagny", "Daniel", "Dmitri", "Elena", "Emeka", "Emma", "Esra", "Fatima",
	"Felipe", "Finn", "Freya", "Gabriel", "Grace", "Hana", "Hannah", "Hiroshi",
	"Ines", "Ingrid", "Isabel", "Ivan", "Jamal", "Javier", "Jin", "Joanna",
	"Jonas", "José", "Julia", "Kai", "Kavya", "Kenji", "Kwame", "Laila",
	"Lars", "Leila", "Liam", "Lina", "Lucas", "Lucía", "Luka", "Maja",
	"Malik", "Mariam", "Marta", "Mateo", "Mei", "Mila", "Nadia", "Naledi",
	"Nikhil", "Nils", "Noah", "Nora", "Olga", "Omar", "Oskar", "Paolo",
	"Priya", "Rafael", "Ravi", "Rosa", "Ruth", "Sakura", "Samuel", "Sara",
	"Sebastián", "Siddharth", "Sofia", "Søren", "Tariq", "Thandiwe", "Théo", "Tomás",
	"Valentina", "Wei", "Yara", "Yusuf", "Zainab", "Zoë", "Ade", "Björn",
}

var lastNames = []string{
	"Abebe", "Adeyemi", "Almeida", "Andersson", "Bakker", "Banerjee", "Becker", "Bianchi",
	"Brennan", "Castillo", "Chowdhury", "Costa", "Dubois", "Eriksen", "Fernández", "Fischer",
	"Fontaine", "García", "Gupta", "Haddad", "Hansen", "Hoffmann", "Horvat", "Ibrahim",
	"Ilić", "Jansen", "Jensen", "Kaur", "Kim", "Kowalski", "Kumar", "Lambert",
	"Larsen", "Lee", "Lindqvist", "López", "Mahlangu", "Martin", "Mendes", "Moreau",
	"Murphy", "Nakamura", "Nguyen", "Novak", "Nowak", "Okafor", "Olsen", "Osei",
	"Park", "Patel", "Petrović", "Popescu", "Quinn", "Ramos", "Reyes", "Rossi",
	"Sato", "Schmidt", "Silva", "Singh", "Kovač", "Suzuki", "Tanaka", "Tran",
	"Van Dijk", "Varga", "Vasquez", "Wagner", "Walsh", "Wang", "Weber", "Kowalczyk",
	"Yamamoto", "Yilmaz", "Zhang", "Zimmermann", "O'Brien", "Mensah", "Karlsson", "Haugen",
}

// leadership are the people of the S3 and S4 forums, by what they do.
var leadership = []string{
	"Chief Technology Officer",
	"VP Product",
	"VP Engineering",
	"Director of UX",
	"Principal Architect",
	"Head of Operations",
}

// passwordWords make the demo password a readable passphrase.
var passwordWords = []string{
	"amber", "harbor", "falcon", "maple", "comet", "willow", "quartz", "meadow",
	"lantern", "pebble", "summit", "tidal", "orchid", "cobalt", "juniper", "ember",
}

// Forum purposes, after the chapter's description of each tier.
const (
	purposeScrumOfScrums = "The Scrum of Scrums of %s: every team's Scrum Master and Product Owner, " +
		"facilitated by the Chief Scrum Master, with the Chief Product Owner, testers and operations. " +
		"We meet in front of the release plan and answer four questions: what has your team done since we last met, " +
		"what will it do before we meet again, what is slowing it down, and are you about to put something in another team's way? " +
		"Weekly while planning a release, Tuesday and Thursday while sprinting, daily from two weeks before the release until it is stable. Speak the truth."
	purposePortfolio = "Project and portfolio planning across Kestrel Mail, CRM and Insight: the product side brings road-maps and forecasts, " +
		"technology brings skills, capacity, hiring plans and budgets. Staffing moves, phase-gate approvals (charter, business case, high-level estimate), " +
		"cross-product consistency in look and feel, quality, security and regulation, alpha and beta programmes, and partner integrations. Called when needed."
	purposeSteering = "Agile steering for Kestrel Cloud: our adoption backlog sliced into initiatives with goals, the standards and guard rails " +
		"of Scrum across teams, training and coaching plans per role, and focus groups for Scrum Masters and Product Owners. Quarterly tempo."
)
