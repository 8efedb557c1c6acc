package http

import "net/http"

// route is one entry of the route table: a ServeMux pattern split into its
// method and path, and whether it is served without signing in.
type route struct {
	method  string // "" for any method
	path    string
	public  bool
	handler http.HandlerFunc
}

// pattern returns the route's ServeMux pattern.
func (rt route) pattern() string {
	if rt.method == "" {
		return rt.path
	}
	return rt.method + " " + rt.path
}

// routes lists every route the server answers. It is the one table both
// Handler and the OpenAPI test read. Routes are signed-in only unless
// marked public. Malformed or unknown IDs in paths answer 404.
func (s *Server) routes() []route {
	return []route{
		{method: "GET", path: "/healthz", public: true, handler: s.handleHealthz},
		{method: "GET", path: "/readyz", public: true, handler: s.handleReadyz},
		{method: "GET", path: "/static/{name...}", public: true, handler: s.handleStatic},

		{method: "GET", path: "/login", public: true, handler: s.handleLoginView},
		{method: "POST", path: "/login", public: true, handler: s.handleLogin},
		{method: "POST", path: "/logout", public: true, handler: s.handleLogout},

		{method: "GET", path: "/{$}", handler: s.handleHome},
		{method: "GET", path: "/forums/{id}", handler: s.handleForumPage},
		{method: "POST", path: "/forums/{id}/feed", handler: s.handleForumFeedPage},
		{method: "GET", path: "/teams/{id}", handler: s.handleTeamPage},
		{method: "GET", path: "/teams/{id}/board", handler: s.handleBoardPage},
		{method: "POST", path: "/teams/{id}/board/move", handler: s.handleBoardMove},
		{method: "GET", path: "/teams/{id}/backlog", handler: s.handleBacklogPage},
		{method: "POST", path: "/teams/{id}/backlog/move", handler: s.handleBacklogMove},
		{method: "POST", path: "/teams/{id}/backlog/bulk", handler: s.handleBacklogBulk},
		{method: "GET", path: "/teams/{id}/planning", handler: s.handlePlanningPage},
		{method: "GET", path: "/teams/{id}/settings", handler: s.handleSettingsPage},
		{method: "POST", path: "/teams/{id}/settings", handler: s.handleSettings},
		{method: "POST", path: "/teams/{id}/sprints", handler: s.handleSprintCreatePage},
		{method: "GET", path: "/sprints/{id}", handler: s.handleSprintPage},
		{method: "POST", path: "/sprints/{id}/start", handler: s.handleSprintStart},
		{method: "POST", path: "/sprints/{id}/days-off", handler: s.handleSprintDaysOff},
		{method: "POST", path: "/sprints/{id}/pull", handler: s.handleSprintPull},
		{method: "POST", path: "/sprints/{id}/return", handler: s.handleSprintReturn},
		{method: "POST", path: "/sprints/{id}/close", handler: s.handleSprintClosePage},

		// The pages of the release tier (S2): pages_s2.go.
		{method: "GET", path: "/releases/{id}", handler: s.handleReleasePage},
		{method: "POST", path: "/releases/{id}/what-if", handler: s.handleWhatIfPage},
		{method: "POST", path: "/releases/{id}/decisions", handler: s.handleDecisionPage},
		{method: "POST", path: "/releases/{id}/baselines", handler: s.handleBaselinePage},
		{method: "POST", path: "/releases/{id}/phase", handler: s.handlePhasePage},
		{method: "POST", path: "/releases/{id}/readiness", handler: s.handleReadinessCreatePage},
		{method: "POST", path: "/releases/{id}/readiness/{item}", handler: s.handleReadinessPage},
		{method: "GET", path: "/releases/{id}/board", handler: s.handleReleaseBoardPage},
		{method: "GET", path: "/releases/{id}/board/move", handler: s.handleReleaseCardMovePage},
		{method: "POST", path: "/releases/{id}/board/move", handler: s.handleReleaseBoardMovePage},
		{method: "GET", path: "/products/{id}/meta-backlog", handler: s.handleMetaBacklogPage},
		{method: "POST", path: "/products/{id}/meta-backlog/stories", handler: s.handleStoriesPage},
		{method: "POST", path: "/products/{id}/meta-backlog/commit", handler: s.handleCommitPage},
		{method: "GET", path: "/products/{id}/burnup", handler: s.handleProductBurnupPage},

		{method: "GET", path: "/api/v1/openapi.json", public: true, handler: s.handleOpenAPI},
		{method: "GET", path: "/api/v1/me", handler: s.handleMe},
		{method: "GET", path: "/api/v1/organisation", handler: s.handleOrganisationView},
		{method: "PATCH", path: "/api/v1/organisation", handler: s.handleOrganisationUpdate},
		{method: "GET", path: "/api/v1/events", handler: s.handleEventList},

		{method: "GET", path: "/api/v1/tokens", handler: s.handleTokenList},
		{method: "POST", path: "/api/v1/tokens", handler: s.handleTokenCreate},
		{method: "DELETE", path: "/api/v1/tokens/{id}", handler: s.handleTokenDelete},

		{method: "GET", path: "/api/v1/products", handler: s.handleProductList},
		{method: "POST", path: "/api/v1/products", handler: s.handleProductCreate},
		{method: "GET", path: "/api/v1/products/{id}", handler: s.handleProductView},
		{method: "PATCH", path: "/api/v1/products/{id}", handler: s.handleProductUpdate},
		{method: "DELETE", path: "/api/v1/products/{id}", handler: s.handleProductDelete},

		{method: "GET", path: "/api/v1/forums", handler: s.handleForumList},
		{method: "POST", path: "/api/v1/forums", handler: s.handleForumCreate},
		{method: "GET", path: "/api/v1/forums/{id}", handler: s.handleForumView},
		{method: "PATCH", path: "/api/v1/forums/{id}", handler: s.handleForumUpdate},
		{method: "DELETE", path: "/api/v1/forums/{id}", handler: s.handleForumDelete},
		// A forum's meetings, generated from its cadence: api_meetings.go.
		{method: "GET", path: "/api/v1/forums/{id}/meetings", handler: s.handleForumMeetings},
		{method: "GET", path: "/api/v1/forums/{id}/meetings.ics", handler: s.handleForumMeetingsICS},
		{method: "PUT", path: "/api/v1/forums/{id}/meetings/{uid}", handler: s.handleMeetingPut},
		{method: "DELETE", path: "/api/v1/forums/{id}/meetings/{uid}", handler: s.handleMeetingRestore},
		{method: "POST", path: "/api/v1/forums/{id}/feed", handler: s.handleForumFeedCreate},
		{method: "POST", path: "/api/v1/me/feed", handler: s.handleMyFeedCreate},
		// Calendar feeds opened by a secret in the address alone: api_feeds.go.
		{method: "GET", path: "/feeds/{file}", public: true, handler: s.handleFeed},

		{method: "GET", path: "/api/v1/teams", handler: s.handleTeamList},
		{method: "POST", path: "/api/v1/teams", handler: s.handleTeamCreate},
		{method: "GET", path: "/api/v1/teams/{id}", handler: s.handleTeamView},
		{method: "PATCH", path: "/api/v1/teams/{id}", handler: s.handleTeamUpdate},
		{method: "DELETE", path: "/api/v1/teams/{id}", handler: s.handleTeamDelete},

		{method: "GET", path: "/api/v1/people", handler: s.handlePersonList},
		{method: "POST", path: "/api/v1/people", handler: s.handlePersonCreate},
		{method: "GET", path: "/api/v1/people/{id}", handler: s.handlePersonView},
		{method: "PATCH", path: "/api/v1/people/{id}", handler: s.handlePersonUpdate},
		{method: "DELETE", path: "/api/v1/people/{id}", handler: s.handlePersonDelete},
		{method: "PUT", path: "/api/v1/people/{id}/password", handler: s.handlePasswordSet},

		{method: "GET", path: "/api/v1/memberships", handler: s.handleMembershipList},
		{method: "POST", path: "/api/v1/memberships", handler: s.handleMembershipCreate},
		{method: "GET", path: "/api/v1/memberships/{id}", handler: s.handleMembershipView},
		{method: "PATCH", path: "/api/v1/memberships/{id}", handler: s.handleMembershipUpdate},
		{method: "DELETE", path: "/api/v1/memberships/{id}", handler: s.handleMembershipDelete},

		{method: "GET", path: "/api/v1/releases", handler: s.handleReleaseList},
		{method: "POST", path: "/api/v1/releases", handler: s.handleReleaseCreate},
		{method: "GET", path: "/api/v1/releases/{id}", handler: s.handleReleaseView},
		{method: "PATCH", path: "/api/v1/releases/{id}", handler: s.handleReleaseUpdate},
		{method: "DELETE", path: "/api/v1/releases/{id}", handler: s.handleReleaseDelete},

		{method: "GET", path: "/api/v1/sprints", handler: s.handleSprintList},
		{method: "POST", path: "/api/v1/sprints", handler: s.handleSprintCreate},
		{method: "GET", path: "/api/v1/sprints/{id}", handler: s.handleSprintView},
		{method: "PATCH", path: "/api/v1/sprints/{id}", handler: s.handleSprintUpdate},
		{method: "DELETE", path: "/api/v1/sprints/{id}", handler: s.handleSprintDelete},

		{method: "GET", path: "/api/v1/backlog-items", handler: s.handleBacklogItemList},
		{method: "POST", path: "/api/v1/backlog-items", handler: s.handleBacklogItemCreate},
		{method: "GET", path: "/api/v1/backlog-items/{id}", handler: s.handleBacklogItemView},
		{method: "PATCH", path: "/api/v1/backlog-items/{id}", handler: s.handleBacklogItemUpdate},
		{method: "DELETE", path: "/api/v1/backlog-items/{id}", handler: s.handleBacklogItemDelete},

		// The team tier (S1): api_s1.go.
		{method: "POST", path: "/api/v1/backlog-items/{id}/move", handler: s.handleBacklogItemMove},
		{method: "POST", path: "/api/v1/backlog-items/bulk", handler: s.handleBacklogItemBulk},
		{method: "POST", path: "/api/v1/sprints/{id}/close", handler: s.handleSprintClose},
		{method: "GET", path: "/api/v1/sprints/{id}/burndown", handler: s.handleSprintBurndown},
		{method: "GET", path: "/api/v1/sprints/{id}/burndown.svg", handler: s.handleSprintBurndownSVG},
		{method: "GET", path: "/api/v1/teams/{id}/board", handler: s.handleTeamBoard},
		{method: "GET", path: "/api/v1/teams/{id}/refinement", handler: s.handleTeamRefinement},
		{method: "GET", path: "/api/v1/teams/{id}/planning", handler: s.handleTeamPlanning},
		{method: "GET", path: "/api/v1/teams/{id}/velocity", handler: s.handleTeamVelocity},
		{method: "GET", path: "/api/v1/teams/{id}/velocity.svg", handler: s.handleTeamVelocitySVG},
		{method: "GET", path: "/api/v1/teams/{id}/flow", handler: s.handleTeamFlow},
		{method: "GET", path: "/api/v1/teams/{id}/flow.svg", handler: s.handleTeamFlowSVG},

		// The release tier (S2): api_s2.go.
		{method: "GET", path: "/api/v1/products/{id}/meta-backlog", handler: s.handleMetaBacklog},
		{method: "GET", path: "/api/v1/products/{id}/burnup", handler: s.handleProductBurnup},
		{method: "POST", path: "/api/v1/backlog-items/{id}/stories", handler: s.handleStoriesCreate},
		{method: "POST", path: "/api/v1/releases/{id}/features", handler: s.handleFeatureCommit},
		{method: "DELETE", path: "/api/v1/releases/{id}/features/{feature_id}", handler: s.handleFeatureUncommit},
		{method: "GET", path: "/api/v1/releases/{id}/plan", handler: s.handleReleasePlan},
		{method: "GET", path: "/api/v1/releases/{id}/baselines", handler: s.handleBaselineList},
		{method: "POST", path: "/api/v1/releases/{id}/baselines", handler: s.handleBaselineCreate},
		{method: "GET", path: "/api/v1/releases/{id}/changes", handler: s.handleReleaseChanges},
		{method: "GET", path: "/api/v1/releases/{id}/burnup", handler: s.handleReleaseBurnup},
		{method: "GET", path: "/api/v1/releases/{id}/burndown", handler: s.handleReleaseBurndown},
		{method: "GET", path: "/api/v1/releases/{id}/forecast", handler: s.handleReleaseForecast},
		{method: "GET", path: "/api/v1/releases/{id}/board", handler: s.handleReleaseBoard},
		{method: "POST", path: "/api/v1/releases/{id}/board/move", handler: s.handleReleaseBoardMove},
		{method: "GET", path: "/api/v1/releases/{id}/risk", handler: s.handleReleaseRisk},
		{method: "POST", path: "/api/v1/releases/{id}/what-if", handler: s.handleWhatIf},
		{method: "GET", path: "/api/v1/releases/{id}/decisions", handler: s.handleDecisionList},
		{method: "POST", path: "/api/v1/releases/{id}/decisions", handler: s.handleDecisionCreate},
		{method: "GET", path: "/api/v1/releases/{id}/hotfix-load", handler: s.handleHotfixLoad},
		{method: "GET", path: "/api/v1/releases/{id}/readiness", handler: s.handleReadinessList},
		{method: "POST", path: "/api/v1/releases/{id}/readiness", handler: s.handleReadinessCreate},
		{method: "GET", path: "/api/v1/readiness-items/{id}", handler: s.handleReadinessView},
		{method: "PATCH", path: "/api/v1/readiness-items/{id}", handler: s.handleReadinessUpdate},
		{method: "DELETE", path: "/api/v1/readiness-items/{id}", handler: s.handleReadinessDelete},
		{method: "GET", path: "/api/v1/dependencies", handler: s.handleDependencyList},
		{method: "POST", path: "/api/v1/dependencies", handler: s.handleDependencyCreate},
		{method: "GET", path: "/api/v1/dependencies/{id}", handler: s.handleDependencyView},
		{method: "PATCH", path: "/api/v1/dependencies/{id}", handler: s.handleDependencyUpdate},
		{method: "DELETE", path: "/api/v1/dependencies/{id}", handler: s.handleDependencyDelete},

		// Anything else, and a known path with another method, is not
		// found: as JSON under /api/, as a page elsewhere.
		{path: "/", public: true, handler: s.handleNotFound},
	}
}
