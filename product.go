package radiator

import (
	"regexp"
	"time"
)

// Organisation is the company that runs Radiator. An installation holds one.
type Organisation struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the organisation's fields.
func (o *Organisation) Validate() error {
	return checkText("name", o.Name, true, 120)
}

// OrganisationUpdate changes an organisation.
type OrganisationUpdate struct {
	Version int64   `json:"version"`
	Name    *string `json:"name,omitempty"`
}

// Apply checks the update and applies it to o.
func (u OrganisationUpdate) Apply(o *Organisation) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	if u.Name != nil {
		o.Name = *u.Name
	}
	return o.Validate()
}

// Product is a product line: what a group of teams builds and releases
// together, and what an S2 forum coordinates.
type Product struct {
	ID          int64     `json:"id"`
	Key         string    `json:"key"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Version     int64     `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

var keyPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,9}$`)

// Validate checks the product's fields.
func (p *Product) Validate() error {
	if !keyPattern.MatchString(p.Key) {
		return Invalidf("key", "must be 2 to 10 capital letters or digits, starting with a letter, like MAIL")
	}
	if err := checkText("name", p.Name, true, 120); err != nil {
		return err
	}
	return checkText("description", p.Description, false, 4000)
}

// ProductUpdate changes a product. Nil fields are left as they are.
type ProductUpdate struct {
	Version     int64   `json:"version"`
	Key         *string `json:"key,omitempty"`
	Name        *string `json:"name,omitempty"`
	Description *string `json:"description,omitempty"`
}

// Apply checks the update and applies it to p.
func (u ProductUpdate) Apply(p *Product) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&p.Key, u.Key)
	setIf(&p.Name, u.Name)
	setIf(&p.Description, u.Description)
	return p.Validate()
}

// ProductFilter selects products.
type ProductFilter struct {
	Key string
	Page
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func setNullable[T any](dst **T, n Nullable[T]) {
	if n.Set {
		*dst = n.Value
	}
}
