package http

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/auth"
)

// feedPrefix starts feed secrets, so that a leaked one is easy to tell
// from an API token: it opens one calendar feed and nothing else.
const feedPrefix = "rdf_"

// feedCreated answers a new feed secret: the address to subscribe to,
// shown this once.
type feedCreated struct {
	radiator.FeedSecret
	URL string `json:"url"`
}

// handleForumFeedCreate makes a secret address of a forum's feed, which
// replaces the forum's last one.
func (s *Server) handleForumFeedCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "forum")
	if err != nil {
		s.Error(w, r, err)
		return
	}
	if _, err := s.Store.FindForumByID(r.Context(), id); err != nil {
		s.Error(w, r, err)
		return
	}
	s.createFeed(w, r, &radiator.FeedSecret{ForumID: &id})
}

// handleMyFeedCreate makes a secret address of the signed-in person's
// feed, which replaces their last one.
func (s *Server) handleMyFeedCreate(w http.ResponseWriter, r *http.Request) {
	id := personFrom(r.Context()).ID
	s.createFeed(w, r, &radiator.FeedSecret{PersonID: &id})
}

func (s *Server) createFeed(w http.ResponseWriter, r *http.Request, f *radiator.FeedSecret) {
	url, err := s.newFeed(r, f)
	if err != nil {
		s.Error(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusCreated, feedCreated{FeedSecret: *f, URL: url})
}

// newFeed stores a new secret of the feed and returns its address, the
// only place the secret is ever shown.
func (s *Server) newFeed(r *http.Request, f *radiator.FeedSecret) (string, error) {
	secret, err := auth.NewSecret(feedPrefix)
	if err != nil {
		return "", fmt.Errorf("make feed secret: %w", err)
	}
	f.Hash = auth.HashSecret(secret)
	if err := s.Store.CreateFeedSecret(r.Context(), f); err != nil {
		return "", err
	}
	return s.baseURL(r) + "/feeds/" + secret + ".ics", nil
}

// handleFeed answers the feed a secret opens, without a session: the
// forum's meetings, or those of every forum the person is a member of,
// from 30 days back to 120 ahead. An unknown secret, and the secret of a
// person who may no longer sign in, are not found.
func (s *Server) handleFeed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	notFound := radiator.Errorf(radiator.ENOTFOUND, "No such feed.")
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || !strings.HasPrefix(secret, feedPrefix) {
		s.Error(w, r, notFound)
		return
	}
	fs, err := s.Store.FindFeedSecretByHash(ctx, auth.HashSecret(secret))
	if err != nil {
		s.Error(w, r, err)
		return
	}
	var forumIDs []int64
	name := ""
	if fs.ForumID != nil {
		forumIDs = []int64{*fs.ForumID}
	} else {
		p, err := s.activePerson(ctx, *fs.PersonID)
		if radiator.ErrorCode(err) == radiator.EUNAUTHORIZED {
			s.Error(w, r, notFound)
			return
		} else if err != nil {
			s.Error(w, r, err)
			return
		}
		name = p.Name + "'s meetings"
		ms, err := collect(func(after string) ([]*radiator.Membership, string, error) {
			return s.Store.FindMemberships(ctx, radiator.MembershipFilter{PersonID: p.ID, Page: allPages(after)})
		})
		if err != nil {
			s.Error(w, r, err)
			return
		}
		for _, m := range ms {
			if !slices.Contains(forumIDs, m.ForumID) {
				forumIDs = append(forumIDs, m.ForumID)
			}
		}
	}
	var forums []forumMeetings
	for _, id := range forumIDs {
		f, err := s.Store.FindForumByID(ctx, id)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		loc, err := forumLocation(f)
		if err != nil {
			s.Error(w, r, err)
			return
		}
		today := radiator.DateOf(s.Clock.Now().In(loc))
		ms, err := s.scheduledMeetings(ctx, f, today.AddDays(-feedDaysBack), today.AddDays(feedDaysAhead))
		if err != nil {
			s.Error(w, r, err)
			return
		}
		forums = append(forums, forumMeetings{f, ms})
		if name == "" {
			name = f.Name + " meetings"
		}
	}
	w.Header().Set("Cache-Control", "private, max-age=900")
	s.writeFeed(w, r, name, forums)
}
