package client

import "github.com/radiator-hq/radiator"

// Board is a team's sprint board as GET /api/v1/teams/{id}/board answers
// it: the team, the sprint shown (nil when the team has none active or
// planned) and the team's columns with their cards.
type Board struct {
	Team    *radiator.Team   `json:"team"`
	Sprint  *radiator.Sprint `json:"sprint"`
	Columns []BoardColumn    `json:"columns"`
}

// BoardColumn is one column of a board with the cards in it, in rank
// order. Count and Points sum its cards; OverLimit tells that it holds more
// cards than its work-in-progress limit allows.
type BoardColumn struct {
	radiator.BoardColumn
	Count     int     `json:"count"`
	Points    float64 `json:"points"`
	OverLimit bool    `json:"over_limit"`
	Cards     []Card  `json:"cards"`
}

// Card is a story on the board, with the names a card shows of its
// assignee and its parent feature, each nil when the item has none.
type Card struct {
	Item     *radiator.BacklogItem `json:"item"`
	Assignee *CardPerson           `json:"assignee"`
	Parent   *CardParent           `json:"parent"`
}

// CardPerson is the assignee of a card.
type CardPerson struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Initials string `json:"initials"`
}

// CardParent is the parent item of a card, usually a feature.
type CardParent struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Title string `json:"title"`
}
