package radiator

import "context"

// Store keeps everything Radiator knows. Each method is one transaction,
// and each change writes its Event in that same transaction.
//
// Methods return *Error values with these codes: ENOTFOUND for a missing
// entity, EINVALID for a value that breaks a rule (Field names it), and
// ECONFLICT for an update or delete naming a stale version, a duplicate of
// a unique value, or a delete of something still referred to. Any other
// error is internal. Update methods take the version the caller read; a
// Delete with version 0 does not check it.
type Store interface {
	FindOrganisation(ctx context.Context) (*Organisation, error)
	UpdateOrganisation(ctx context.Context, upd OrganisationUpdate) (*Organisation, error)

	FindProductByID(ctx context.Context, id int64) (*Product, error)
	FindProducts(ctx context.Context, f ProductFilter) ([]*Product, string, error)
	CreateProduct(ctx context.Context, p *Product) error
	UpdateProduct(ctx context.Context, id int64, upd ProductUpdate) (*Product, error)
	DeleteProduct(ctx context.Context, id, version int64) error

	FindForumByID(ctx context.Context, id int64) (*Forum, error)
	FindForums(ctx context.Context, f ForumFilter) ([]*Forum, string, error)
	// CreateForum refuses team forums; CreateTeam makes those.
	CreateForum(ctx context.Context, f *Forum) error
	UpdateForum(ctx context.Context, id int64, upd ForumUpdate) (*Forum, error)
	// DeleteForum refuses a team's own forum (ECONFLICT); delete the team.
	DeleteForum(ctx context.Context, id, version int64) error

	FindTeamByID(ctx context.Context, id int64) (*Team, error)
	FindTeams(ctx context.Context, f TeamFilter) ([]*Team, string, error)
	// CreateTeam creates the team and its own tier-1 forum.
	CreateTeam(ctx context.Context, t *Team) error
	UpdateTeam(ctx context.Context, id int64, upd TeamUpdate) (*Team, error)
	// DeleteTeam deletes the team with its forum and the memberships in it.
	DeleteTeam(ctx context.Context, id, version int64) error

	FindPersonByID(ctx context.Context, id int64) (*Person, error)
	FindPersonByEmail(ctx context.Context, email string) (*Person, error)
	FindPeople(ctx context.Context, f PersonFilter) ([]*Person, string, error)
	CreatePerson(ctx context.Context, p *Person) error
	UpdatePerson(ctx context.Context, id int64, upd PersonUpdate) (*Person, error)
	DeletePerson(ctx context.Context, id, version int64) error
	// SetPasswordHash stores a person's password hash; the event records
	// that it changed, never the hash.
	SetPasswordHash(ctx context.Context, personID int64, hash string) error
	// FindPasswordHash returns the person's password hash, "" if none.
	FindPasswordHash(ctx context.Context, personID int64) (string, error)

	FindMembershipByID(ctx context.Context, id int64) (*Membership, error)
	FindMemberships(ctx context.Context, f MembershipFilter) ([]*Membership, string, error)
	CreateMembership(ctx context.Context, m *Membership) error
	UpdateMembership(ctx context.Context, id int64, upd MembershipUpdate) (*Membership, error)
	DeleteMembership(ctx context.Context, id, version int64) error

	FindReleaseByID(ctx context.Context, id int64) (*Release, error)
	FindReleases(ctx context.Context, f ReleaseFilter) ([]*Release, string, error)
	CreateRelease(ctx context.Context, r *Release) error
	UpdateRelease(ctx context.Context, id int64, upd ReleaseUpdate) (*Release, error)
	DeleteRelease(ctx context.Context, id, version int64) error

	FindSprintByID(ctx context.Context, id int64) (*Sprint, error)
	FindSprints(ctx context.Context, f SprintFilter) ([]*Sprint, string, error)
	CreateSprint(ctx context.Context, s *Sprint) error
	// UpdateSprint refuses to close a sprint; CloseSprint does that.
	UpdateSprint(ctx context.Context, id int64, upd SprintUpdate) (*Sprint, error)
	DeleteSprint(ctx context.Context, id, version int64) error
	// CloseSprint closes an active or planned sprint: it keeps the
	// sprint's Result, computed by NewBurndown from the sprint's events at
	// the moment of closing, and moves every unfinished story to the top
	// of the backlog (in their order) or into the next sprint, writing an
	// event for each. The next sprint must be a planned or active sprint
	// of the same team (EINVALID next_sprint_id); with none given, the
	// team's first sprint starting after this one is taken, and if there
	// is none the close is refused (EINVALID unfinished).
	CloseSprint(ctx context.Context, id int64, c SprintClose) (*Sprint, error)

	FindBacklogItemByID(ctx context.Context, id int64) (*BacklogItem, error)
	FindBacklogItems(ctx context.Context, f BacklogItemFilter) ([]*BacklogItem, string, error)
	// CreateBacklogItem ranks an item without a rank at the end of its
	// product's backlog.
	CreateBacklogItem(ctx context.Context, it *BacklogItem) error
	// UpdateBacklogItem applies the update, then, for a story, the rules of the item's
	// team (Team.CheckChange: columns, scale, definition of ready, closed
	// sprints) and checks that the assignee exists.
	UpdateBacklogItem(ctx context.Context, id int64, upd BacklogItemUpdate) (*BacklogItem, error)
	// UpdateBacklogItems applies several updates at once, all or nothing:
	// the first refused update refuses them all, its error naming the
	// item ("item 12: ...") and the field.
	UpdateBacklogItems(ctx context.Context, upds []BacklogItemBulkUpdate) ([]*BacklogItem, error)
	// MoveBacklogItem re-ranks an item in its product's backlog, next to
	// another item of that product (EINVALID before/after otherwise). It
	// rewrites the moved item's rank alone, unless ranks there have grown
	// longer than 24 characters: then it spreads the product's ranks anew
	// (SpreadRanks), with an event for every item it re-ranks. Concurrent
	// moves in one product are serialised, so none is lost.
	MoveBacklogItem(ctx context.Context, id int64, m BacklogMove) (*BacklogItem, error)
	DeleteBacklogItem(ctx context.Context, id, version int64) error

	// CreateBacklogItems creates several items at once, all or nothing
	// (the breakdown of a feature into stories for several teams): the
	// first refused item refuses them all, its error naming it ("item 2:
	// ...") and the field.
	CreateBacklogItems(ctx context.Context, items []*BacklogItem) error

	// CreateBaseline takes a baseline of a release: the store fills in
	// the release's date, its committed features with their units, the
	// time and the actor.
	CreateBaseline(ctx context.Context, b *Baseline) error
	// FindBaselines returns a release's baselines, oldest first.
	FindBaselines(ctx context.Context, releaseID int64) ([]*Baseline, error)
	// FindReleaseEvents returns, in ID order, the events of the releases
	// and every event of a feature that had one of them as its release
	// before or after: the history release burnups and changes need.
	// A feature event's Before and After are cut to the fields those
	// read: kind, title, release_id, estimate and state (a null stays
	// null); a release event's are whole. FindEvents has the whole items.
	FindReleaseEvents(ctx context.Context, releaseIDs []int64) ([]*Event, error)

	FindDependencyByID(ctx context.Context, id int64) (*Dependency, error)
	FindDependencies(ctx context.Context, f DependencyFilter) ([]*Dependency, string, error)
	// CreateDependency refuses items of another product (EINVALID
	// item_id or depends_on_id) and a dependency that exists already, or
	// its reverse (ECONFLICT).
	CreateDependency(ctx context.Context, d *Dependency) error
	UpdateDependency(ctx context.Context, id int64, upd DependencyUpdate) (*Dependency, error)
	DeleteDependency(ctx context.Context, id, version int64) error

	FindReadinessItemByID(ctx context.Context, id int64) (*ReadinessItem, error)
	// FindReadinessItems returns a release's checklist, by part then ID.
	FindReadinessItems(ctx context.Context, releaseID int64) ([]*ReadinessItem, error)
	CreateReadinessItem(ctx context.Context, r *ReadinessItem) error
	UpdateReadinessItem(ctx context.Context, id int64, upd ReadinessItemUpdate) (*ReadinessItem, error)
	DeleteReadinessItem(ctx context.Context, id, version int64) error

	// ApplyDecision applies a what-if change to the release's plan and
	// records the decision, in one transaction: a moved story gets the
	// team and leaves its sprint; a moved feature gets the team and so do
	// its unfinished stories; a cut feature and its stories leave the
	// release. The store fills in Summary, the actor and the time.
	ApplyDecision(ctx context.Context, d *Decision) error
	// FindDecisions returns a release's decisions, oldest first.
	FindDecisions(ctx context.Context, releaseID int64) ([]*Decision, error)

	// FindMeetingOverrides returns a forum's meeting overrides by ID;
	// ENOTFOUND for a missing forum.
	FindMeetingOverrides(ctx context.Context, forumID int64) ([]*MeetingOverride, error)
	// PutMeetingOverride creates the override of o's forum and UID, or
	// changes the one there is when o names its version (ECONFLICT for a
	// stale or missing version). Sequence starts at 1 and goes up by one on
	// each change; the store fills in ID, Sequence, Version and times.
	PutMeetingOverride(ctx context.Context, o *MeetingOverride) error
	// DeleteMeetingOverride gives the meeting back to its cadence.
	DeleteMeetingOverride(ctx context.Context, id, version int64) error

	// CreateFeedSecret stores a feed secret, replacing the one its forum
	// or person had (EINVALID forum_id or person_id for a missing one).
	CreateFeedSecret(ctx context.Context, s *FeedSecret) error
	// FindFeedSecretByHash returns a feed secret, ENOTFOUND otherwise.
	FindFeedSecretByHash(ctx context.Context, hash string) (*FeedSecret, error)

	FindEvents(ctx context.Context, f EventFilter) ([]*Event, string, error)
	// FindSprintEvents returns, in ID order, every backlog item event whose
	// item was in one of the sprints before or after it: the whole history
	// the sprint charts need.
	FindSprintEvents(ctx context.Context, sprintIDs []int64) ([]*Event, error)

	CreateToken(ctx context.Context, t *Token) error
	// FindTokenByHash returns an unexpired token (ENOTFOUND otherwise) and
	// records that it was used.
	FindTokenByHash(ctx context.Context, hash string) (*Token, error)
	FindTokens(ctx context.Context, personID int64) ([]*Token, error)
	DeleteToken(ctx context.Context, id int64) error

	CreateSession(ctx context.Context, s *Session) error
	// FindSessionByHash returns an unexpired session, ENOTFOUND otherwise.
	FindSessionByHash(ctx context.Context, hash string) (*Session, error)
	DeleteSession(ctx context.Context, id int64) error

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	Close() error
}
