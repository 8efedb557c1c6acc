package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/radiator-hq/radiator"
)

// WhatIfResult is what POST /api/v1/releases/{id}/what-if answers: the
// change in words and the release's outlook before and after it.
type WhatIfResult struct {
	Change  radiator.WhatIf `json:"change"`
	Summary string          `json:"summary"`
	Before  Outlook         `json:"before"`
	After   Outlook         `json:"after"`
}

// Outlook is a release's risk and forecast.
type Outlook struct {
	Risk     *radiator.ReleaseRisk `json:"risk"`
	Forecast radiator.Forecast     `json:"forecast"`
}

// StoryDraft is one story of a feature's breakdown, for one team.
type StoryDraft struct {
	TeamID             int64    `json:"team_id"`
	Title              string   `json:"title"`
	Estimate           *float64 `json:"estimate,omitempty"`
	Description        string   `json:"description,omitempty"`
	AcceptanceCriteria string   `json:"acceptance_criteria,omitempty"`
}

// CardMove moves stories of a feature on a release board to a team and
// one of its sprints, or into no sprint when SprintID is nil.
type CardMove struct {
	FeatureID int64          `json:"feature_id"`
	Stories   []StoryVersion `json:"stories"`
	TeamID    int64          `json:"team_id"`
	SprintID  *int64         `json:"sprint_id"`
}

// StoryVersion names a story and the version last read of it.
type StoryVersion struct {
	ID      int64 `json:"id"`
	Version int64 `json:"version"`
}

func releasePath(id int64) string { return "/releases/" + strconv.FormatInt(id, 10) }

// Products returns every product, in ID order.
func (c *Client) Products(ctx context.Context) ([]*radiator.Product, error) {
	return all[*radiator.Product](ctx, c, "/products", url.Values{})
}

// ProductByRef returns the product that s names: its ID, its key or its
// name, the last two compared without regard to case.
func (c *Client) ProductByRef(ctx context.Context, s string) (*radiator.Product, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, radiator.Invalidf("product", "give a product key, name or id")
	}
	products, err := c.Products(ctx)
	if err != nil {
		return nil, err
	}
	id, _ := strconv.ParseInt(s, 10, 64)
	for _, p := range products {
		if p.ID == id || strings.EqualFold(p.Key, s) {
			return p, nil
		}
	}
	for _, p := range products {
		if strings.EqualFold(p.Name, s) {
			return p, nil
		}
	}
	names := make([]string, len(products))
	for i, p := range products {
		names[i] = fmt.Sprintf("%s (%s)", p.Key, p.Name)
	}
	if len(names) == 0 {
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No product %q: the server has no products yet.", s)
	}
	return nil, radiator.Errorf(radiator.ENOTFOUND, "No product %q. Products: %s.", s, strings.Join(names, ", "))
}

// Release returns the release with the ID.
func (c *Client) Release(ctx context.Context, id int64) (*radiator.Release, error) {
	var r radiator.Release
	if err := c.do(ctx, http.MethodGet, releasePath(id), nil, nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Releases returns every release the filter selects, in date order,
// reading page after page.
func (c *Client) Releases(ctx context.Context, f radiator.ReleaseFilter) ([]*radiator.Release, error) {
	q := pageQuery(f.Page)
	setID(q, "product_id", f.ProductID)
	setText(q, "phase", f.Phase)
	setText(q, "kind", f.Kind)
	return all[*radiator.Release](ctx, c, "/releases", q)
}

// ReleaseByRef returns the release that s names: its ID, or its product
// and name as PRODUCT/NAME (such as MAIL/Mail 3.0, the product by key,
// name or id), or its name alone when only one release bears it. Names
// are compared without regard to case; a name that no release or several
// releases bear is an error that lists the choices.
func (c *Client) ReleaseByRef(ctx context.Context, s string) (*radiator.Release, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, radiator.Invalidf("release", "give a release id, or PRODUCT/NAME like MAIL/Mail 3.0")
	}
	if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 {
		r, err := c.Release(ctx, id)
		if radiator.ErrorCode(err) != radiator.ENOTFOUND {
			return r, err
		}
		// A release may be named like a number; look for the name before
		// answering that there is no such release.
	}
	var f radiator.ReleaseFilter
	name := s
	if before, after, ok := strings.Cut(s, "/"); ok {
		p, err := c.ProductByRef(ctx, before)
		if err != nil {
			return nil, err
		}
		f.ProductID, name = p.ID, strings.TrimSpace(after)
	}
	releases, err := c.Releases(ctx, f)
	if err != nil {
		return nil, err
	}
	var found []*radiator.Release
	for _, r := range releases {
		if strings.EqualFold(r.Name, name) {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		if len(releases) == 0 {
			return nil, radiator.Errorf(radiator.ENOTFOUND, "No release %q: there are no releases to choose from.", s)
		}
		names := make([]string, len(releases))
		for i, r := range releases {
			names[i] = fmt.Sprintf("%s (%d)", r.Name, r.ID)
		}
		const shown = 12
		if len(names) > shown {
			names = append(names[:shown], fmt.Sprintf("and %d more", len(names)-shown))
		}
		return nil, radiator.Errorf(radiator.ENOTFOUND, "No release %q. Releases: %s.", s, strings.Join(names, ", "))
	}
	ids := make([]string, len(found))
	for i, r := range found {
		ids[i] = strconv.FormatInt(r.ID, 10)
	}
	return nil, &radiator.Error{Code: radiator.EINVALID, Field: "release",
		Message: fmt.Sprintf("%d releases are named %q (ids %s); give PRODUCT/NAME or the id of the one you mean", len(found), name, strings.Join(ids, ", "))}
}

// UpdateRelease changes a release; upd.Version must be the version last
// read. Marking it released while required readiness items are open needs
// upd.OverrideReason.
func (c *Client) UpdateRelease(ctx context.Context, id int64, upd radiator.ReleaseUpdate) (*radiator.Release, error) {
	var r radiator.Release
	if err := c.do(ctx, http.MethodPatch, releasePath(id), nil, upd, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// MetaBacklog returns a product's features in rank order with their
// progress; with releaseID not 0, only those committed to that release.
func (c *Client) MetaBacklog(ctx context.Context, productID, releaseID int64) ([]radiator.FeatureProgress, error) {
	q := url.Values{}
	setID(q, "release_id", releaseID)
	var out struct {
		Features []radiator.FeatureProgress `json:"features"`
	}
	if err := c.do(ctx, http.MethodGet, "/products/"+strconv.FormatInt(productID, 10)+"/meta-backlog", q, nil, &out); err != nil {
		return nil, err
	}
	return out.Features, nil
}

// CreateStories breaks a feature down into stories for its teams, all or
// none.
func (c *Client) CreateStories(ctx context.Context, featureID int64, drafts []StoryDraft) ([]*radiator.BacklogItem, error) {
	in := struct {
		Stories []StoryDraft `json:"stories"`
	}{drafts}
	var out list[*radiator.BacklogItem]
	if err := c.do(ctx, http.MethodPost, itemPath(featureID)+"/stories", nil, in, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// CommitFeature commits a feature, at the version last read, to a
// release.
func (c *Client) CommitFeature(ctx context.Context, releaseID, featureID, version int64) (*radiator.BacklogItem, error) {
	in := struct {
		FeatureID int64 `json:"feature_id"`
		Version   int64 `json:"version"`
	}{featureID, version}
	var it radiator.BacklogItem
	if err := c.do(ctx, http.MethodPost, releasePath(releaseID)+"/features", nil, in, &it); err != nil {
		return nil, err
	}
	return &it, nil
}

// ReleaseForecast returns the forecast of a release.
func (c *Client) ReleaseForecast(ctx context.Context, id int64) (radiator.Forecast, error) {
	var f radiator.Forecast
	err := c.do(ctx, http.MethodGet, releasePath(id)+"/forecast", nil, nil, &f)
	return f, err
}

// ReleaseRisk returns the features of a release at risk and its teams'
// load and slack.
func (c *Client) ReleaseRisk(ctx context.Context, id int64) (*radiator.ReleaseRisk, error) {
	var r radiator.ReleaseRisk
	if err := c.do(ctx, http.MethodGet, releasePath(id)+"/risk", nil, nil, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// ReleaseBurnup returns the burnup of a release in feature units.
func (c *Client) ReleaseBurnup(ctx context.Context, id int64) (*radiator.Burnup, error) {
	var b radiator.Burnup
	if err := c.do(ctx, http.MethodGet, releasePath(id)+"/burnup", nil, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// ProductBurnup returns the multi-release burnup of a product.
func (c *Client) ProductBurnup(ctx context.Context, productID int64) (*radiator.ProductBurnup, error) {
	var b radiator.ProductBurnup
	if err := c.do(ctx, http.MethodGet, "/products/"+strconv.FormatInt(productID, 10)+"/burnup", nil, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// ReleaseBoard returns the visual board of a release.
func (c *Client) ReleaseBoard(ctx context.Context, id int64) (*radiator.ReleaseBoard, error) {
	var b radiator.ReleaseBoard
	if err := c.do(ctx, http.MethodGet, releasePath(id)+"/board", nil, nil, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// MoveCard moves a card of a release board, all its named stories or
// none, and returns the board after the move.
func (c *Client) MoveCard(ctx context.Context, releaseID int64, m CardMove) (*radiator.ReleaseBoard, error) {
	var b radiator.ReleaseBoard
	if err := c.do(ctx, http.MethodPost, releasePath(releaseID)+"/board/move", nil, m, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// WhatIf tries a change on a release's plan without applying it.
func (c *Client) WhatIf(ctx context.Context, releaseID int64, w radiator.WhatIf) (*WhatIfResult, error) {
	var r WhatIfResult
	if err := c.do(ctx, http.MethodPost, releasePath(releaseID)+"/what-if", nil, w, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Decide applies a change to a release's plan and records it with the
// reason.
func (c *Client) Decide(ctx context.Context, releaseID int64, w radiator.WhatIf, reason string) (*radiator.Decision, error) {
	in := struct {
		Change radiator.WhatIf `json:"change"`
		Reason string          `json:"reason"`
	}{w, reason}
	var d radiator.Decision
	if err := c.do(ctx, http.MethodPost, releasePath(releaseID)+"/decisions", nil, in, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// ReadinessItems returns a release's readiness checklist, by part.
func (c *Client) ReadinessItems(ctx context.Context, releaseID int64) ([]*radiator.ReadinessItem, error) {
	var out list[*radiator.ReadinessItem]
	if err := c.do(ctx, http.MethodGet, releasePath(releaseID)+"/readiness", nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Items, nil
}

// Product returns the product with the ID.
func (c *Client) Product(ctx context.Context, id int64) (*radiator.Product, error) {
	var p radiator.Product
	if err := c.do(ctx, http.MethodGet, "/products/"+strconv.FormatInt(id, 10), nil, nil, &p); err != nil {
		return nil, err
	}
	return &p, nil
}
