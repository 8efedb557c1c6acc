// Package client talks to a running Radiator server through its JSON API
// under /api/v1. The command line and the end-to-end tests use it. API
// errors come back as *radiator.Error with the code, message and field the
// server sent.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
)

// maxResponseSize bounds the body of an answer the client reads, so that a
// wrong URL pointing at a large download cannot exhaust memory.
const maxResponseSize = 64 << 20

// Client calls the API of one server with one API token.
type Client struct {
	// HTTPClient sends the requests. New sets one with timeouts; replace it
	// before the first call to route requests elsewhere.
	HTTPClient *http.Client

	base  string // the server's URL without a trailing slash
	token string
}

// New returns a client for the server at baseURL (such as
// "https://radiator.example.com", or a URL with a path prefix when the
// server sits behind a proxy under one) that authenticates with token.
func New(baseURL, token string) *Client {
	// The default transport dials, shakes hands and idles with timeouts;
	// a clone adds one for the server's answer without sharing its pool.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 20 * time.Second
	return &Client{
		HTTPClient: &http.Client{Timeout: 30 * time.Second, Transport: tr},
		base:       strings.TrimRight(baseURL, "/"),
		token:      token,
	}
}

// do sends a request to the API path (below /api/v1) with query q and, when
// in is not nil, in as a JSON body, and decodes a successful answer into
// out unless out is nil. An error answer of the API is returned as
// *radiator.Error.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, in, out any) error {
	target := c.base + "/api/v1" + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode %s %s: %w", method, path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := c.HTTPClient.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, c.base+"/api/v1"+path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseSize))
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return apiError(method, path, resp, data)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", method, path, err)
	}
	return nil
}

// apiError turns an error answer into the *radiator.Error the server
// described. An answer that is not an API error, such as a proxy's error
// page, becomes an error naming the status.
func apiError(method, path string, resp *http.Response, data []byte) error {
	var e struct {
		Error *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
			Field   string `json:"field"`
		} `json:"error"`
	}
	if err := json.Unmarshal(data, &e); err != nil || e.Error == nil || e.Error.Code == "" {
		return fmt.Errorf("%s %s: the server answered %s, not a Radiator API answer; check the server URL", method, path, resp.Status)
	}
	return &radiator.Error{Code: e.Error.Code, Message: e.Error.Message, Field: e.Error.Field}
}

// list is one page of a list answer.
type list[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next"`
}

// all reads every page of a list, starting after the cursor in q (if any).
func all[T any](ctx context.Context, c *Client, path string, q url.Values) ([]T, error) {
	var items []T
	for {
		var page list[T]
		if err := c.do(ctx, http.MethodGet, path, q, nil, &page); err != nil {
			return nil, err
		}
		items = append(items, page.Items...)
		if page.Next == "" {
			return items, nil
		}
		if page.Next == q.Get("after") {
			return nil, fmt.Errorf("GET %s: the server repeated the cursor %q", path, page.Next)
		}
		q.Set("after", page.Next)
	}
}

// pageQuery returns the query of a list's page parameters.
func pageQuery(p radiator.Page) url.Values {
	q := url.Values{}
	if p.Limit > 0 {
		q.Set("limit", strconv.Itoa(p.Limit))
	}
	if p.After != "" {
		q.Set("after", p.After)
	}
	return q
}

func setID(q url.Values, name string, id int64) {
	if id != 0 {
		q.Set(name, strconv.FormatInt(id, 10))
	}
}

func setText(q url.Values, name, v string) {
	if v != "" {
		q.Set(name, v)
	}
}

// Team returns the team with the ID.
func (c *Client) Team(ctx context.Context, id int64) (*radiator.Team, error) {
	var t radiator.Team
	if err := c.do(ctx, http.MethodGet, "/teams/"+strconv.FormatInt(id, 10), nil, nil, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Teams returns every team, in ID order.
func (c *Client) Teams(ctx context.Context) ([]*radiator.Team, error) {
	return all[*radiator.Team](ctx, c, "/teams", url.Values{})
}

// TeamByNameOrID returns the team that s names: a team ID, or a team name
// compared without regard to case. A name that no team or several teams
// bear is an error that lists the choices.
func (c *Client) TeamByNameOrID(ctx context.Context, s string) (*radiator.Team, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, radiator.Invalidf("team", "give a team name or id")
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		t, err := c.Team(ctx, id)
		if radiator.ErrorCode(err) != radiator.ENOTFOUND {
			return t, err
		}
		// A team may be named like a number; look for the name before
		// answering that there is no such team.
	}
	teams, err := c.Teams(ctx)
	if err != nil {
		return nil, err
	}
	var found []*radiator.Team
	for _, t := range teams {
		if strings.EqualFold(t.Name, s) {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		names := make([]string, 0, len(teams))
		for _, t := range teams {
			names = append(names, fmt.Sprintf("%s (%d)", t.Name, t.ID))
		}
		if len(names) == 0 {
			return nil, radiator.Errorf(radiator.ENOTFOUND, "No team %q: the server has no teams yet.", s)
		}
		const shown = 12
		if len(names) > shown {
			names = append(names[:shown], fmt.Sprintf("and %d more", len(names)-shown))
		}
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No team %q. Teams: %s.", s, strings.Join(names, ", "))
	}
	ids := make([]string, len(found))
	for i, t := range found {
		ids[i] = strconv.FormatInt(t.ID, 10)
	}
	return nil, &radiator.Error{Code: radiator.EINVALID, Field: "team",
		Message: fmt.Sprintf("%d teams are named %q (ids %s); give the id of the one you mean", len(found), s, strings.Join(ids, ", "))}
}

// Board returns a team's sprint board: of the sprint with sprintID, or,
// when sprintID is 0, of the team's active sprint (else its next planned
// one).
func (c *Client) Board(ctx context.Context, teamID, sprintID int64) (*Board, error) {
	q := url.Values{}
	setID(q, "sprint_id", sprintID)
	var b Board
	if err := c.do(ctx, http.MethodGet, "/teams/"+strconv.FormatInt(teamID, 10)+"/board", q, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// BacklogItems returns every backlog item the filter selects, in rank
// order, reading page after page; f.Limit sets the size of a page and
// f.After where the list starts.
func (c *Client) BacklogItems(ctx context.Context, f radiator.BacklogItemFilter) ([]*radiator.BacklogItem, error) {
	q := pageQuery(f.Page)
	setID(q, "product_id", f.ProductID)
	setText(q, "kind", f.Kind)
	setText(q, "state", f.State)
	setID(q, "team_id", f.TeamID)
	setID(q, "sprint_id", f.SprintID)
	setID(q, "release_id", f.ReleaseID)
	setID(q, "parent_id", f.ParentID)
	if f.Backlog {
		q.Set("backlog", "true")
	}
	setText(q, "label", f.Label)
	setID(q, "assignee_id", f.AssigneeID)
	setText(q, "text", f.Text)
	return all[*radiator.BacklogItem](ctx, c, "/backlog-items", q)
}

// BacklogItem returns the backlog item with the ID.
func (c *Client) BacklogItem(ctx context.Context, id int64) (*radiator.BacklogItem, error) {
	var it radiator.BacklogItem
	if err := c.do(ctx, http.MethodGet, itemPath(id), nil, nil, &it); err != nil {
		return nil, err
	}
	return &it, nil
}

// UpdateBacklogItem changes a backlog item; upd.Version must be the version
// last read, else the error is ECONFLICT. Moving a card on the board is an
// update of its Column.
func (c *Client) UpdateBacklogItem(ctx context.Context, id int64, upd radiator.BacklogItemUpdate) (*radiator.BacklogItem, error) {
	var it radiator.BacklogItem
	if err := c.do(ctx, http.MethodPatch, itemPath(id), nil, upd, &it); err != nil {
		return nil, err
	}
	return &it, nil
}

// UpdateBacklogItems changes several backlog items at once, all or
// nothing.
func (c *Client) UpdateBacklogItems(ctx context.Context, upds []radiator.BacklogItemBulkUpdate) ([]*radiator.BacklogItem, error) {
	in := struct {
		Items []radiator.BacklogItemBulkUpdate `json:"items"`
	}{upds}
	var out list[*radiator.BacklogItem]
	if err := c.do(ctx, http.MethodPost, "/backlog-items/bulk", nil, in, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// MoveBacklogItem re-orders a backlog item in its product's backlog.
func (c *Client) MoveBacklogItem(ctx context.Context, id int64, m radiator.BacklogMove) (*radiator.BacklogItem, error) {
	var it radiator.BacklogItem
	if err := c.do(ctx, http.MethodPost, itemPath(id)+"/move", nil, m, &it); err != nil {
		return nil, err
	}
	return &it, nil
}

func itemPath(id int64) string { return "/backlog-items/" + strconv.FormatInt(id, 10) }

// Sprint returns the sprint with the ID.
func (c *Client) Sprint(ctx context.Context, id int64) (*radiator.Sprint, error) {
	var s radiator.Sprint
	if err := c.do(ctx, http.MethodGet, sprintPath(id), nil, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Sprints returns every sprint the filter selects, in start order, reading
// page after page.
func (c *Client) Sprints(ctx context.Context, f radiator.SprintFilter) ([]*radiator.Sprint, error) {
	q := pageQuery(f.Page)
	setID(q, "team_id", f.TeamID)
	setID(q, "product_id", f.ProductID)
	setText(q, "state", f.State)
	if f.On.Valid() {
		q.Set("on", f.On.String())
	}
	return all[*radiator.Sprint](ctx, c, "/sprints", q)
}

// CloseSprint closes a sprint, keeping its result and moving its
// unfinished work as cl says.
func (c *Client) CloseSprint(ctx context.Context, id int64, cl radiator.SprintClose) (*radiator.Sprint, error) {
	var s radiator.Sprint
	if err := c.do(ctx, http.MethodPost, sprintPath(id)+"/close", nil, cl, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// Burndown returns the burndown series of a sprint.
func (c *Client) Burndown(ctx context.Context, sprintID int64) (*radiator.Burndown, error) {
	var b radiator.Burndown
	if err := c.do(ctx, http.MethodGet, sprintPath(sprintID)+"/burndown", nil, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

func sprintPath(id int64) string { return "/sprints/" + strconv.FormatInt(id, 10) }

// Velocity returns a team's velocity with its last n finished sprints;
// n = 0 leaves the number to the server.
func (c *Client) Velocity(ctx context.Context, teamID int64, n int) (radiator.Velocity, error) {
	q := url.Values{}
	if n > 0 {
		q.Set("n", strconv.Itoa(n))
	}
	var v radiator.Velocity
	err := c.do(ctx, http.MethodGet, "/teams/"+strconv.FormatInt(teamID, 10)+"/velocity", q, nil, &v)
	return v, err
}
