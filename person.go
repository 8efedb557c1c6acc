package radiator

import (
	"net/mail"
	"strings"
	"time"
)

// Person is someone who takes part in one or more forums, and may sign in.
type Person struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Email  string `json:"email"`
	Active bool   `json:"active"`
	// Admin people administer the whole organisation.
	Admin     bool      `json:"admin"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the person's fields. It lower-cases the e-mail address,
// which is what makes two spellings of one address the same person.
func (p *Person) Validate() error {
	if err := checkText("name", p.Name, true, 120); err != nil {
		return err
	}
	p.Email = strings.ToLower(p.Email)
	if p.Email == "" {
		return Invalidf("email", "is required")
	}
	a, err := mail.ParseAddress(p.Email)
	if err != nil || a.Address != p.Email || len(p.Email) > 254 {
		return Invalidf("email", "%q is not an e-mail address like ada@example.com", p.Email)
	}
	return nil
}

// Initials returns up to two initials of the person's name, for avatars.
func (p *Person) Initials() string {
	var out []rune
	for _, w := range strings.Fields(p.Name) {
		for _, r := range w {
			out = append(out, r)
			break
		}
	}
	if len(out) > 2 {
		out = []rune{out[0], out[len(out)-1]}
	}
	return strings.ToUpper(string(out))
}

// PersonUpdate changes a person. Nil fields are left as they are.
type PersonUpdate struct {
	Version int64   `json:"version"`
	Name    *string `json:"name,omitempty"`
	Email   *string `json:"email,omitempty"`
	Active  *bool   `json:"active,omitempty"`
	Admin   *bool   `json:"admin,omitempty"`
}

// Apply checks the update and applies it to p.
func (u PersonUpdate) Apply(p *Person) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&p.Name, u.Name)
	setIf(&p.Email, u.Email)
	setIf(&p.Active, u.Active)
	setIf(&p.Admin, u.Admin)
	return p.Validate()
}

// PersonFilter selects people.
type PersonFilter struct {
	Email   string
	ForumID int64 // people with a membership in the forum
	Page
}

// Roles a person holds in a forum.
const (
	RoleMember            = "member"
	RoleScrumMaster       = "scrum_master"
	RoleProductOwner      = "product_owner"
	RoleChiefProductOwner = "chief_product_owner"
	RoleChiefScrumMaster  = "chief_scrum_master"
	RoleTester            = "tester"
	RoleOperations        = "operations"
	RoleLeadership        = "leadership"
	RoleCoach             = "coach"
)

// Roles lists the roles, in the order pages show them.
var Roles = []string{RoleChiefProductOwner, RoleChiefScrumMaster, RoleProductOwner, RoleScrumMaster, RoleMember, RoleTester, RoleOperations, RoleLeadership, RoleCoach}

// RoleTitle returns the role as people write it.
func RoleTitle(role string) string {
	switch role {
	case RoleMember:
		return "Member"
	case RoleScrumMaster:
		return "Scrum Master"
	case RoleProductOwner:
		return "Product Owner"
	case RoleChiefProductOwner:
		return "Chief Product Owner"
	case RoleChiefScrumMaster:
		return "Chief Scrum Master"
	case RoleTester:
		return "Tester"
	case RoleOperations:
		return "Operations"
	case RoleLeadership:
		return "Leadership"
	case RoleCoach:
		return "Coach"
	}
	return role
}

// Membership places a person in a forum with a role. A person may hold
// several roles in one forum and sit in several forums.
type Membership struct {
	ID        int64     `json:"id"`
	PersonID  int64     `json:"person_id"`
	ForumID   int64     `json:"forum_id"`
	Role      string    `json:"role"`
	Version   int64     `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Validate checks the membership's fields.
func (m *Membership) Validate() error {
	if err := checkID("person_id", m.PersonID); err != nil {
		return err
	}
	if err := checkID("forum_id", m.ForumID); err != nil {
		return err
	}
	return checkOneOf("role", m.Role, Roles)
}

// MembershipUpdate changes a membership's role.
type MembershipUpdate struct {
	Version int64   `json:"version"`
	Role    *string `json:"role,omitempty"`
}

// Apply checks the update and applies it to m.
func (u MembershipUpdate) Apply(m *Membership) error {
	if err := checkVersion(u.Version); err != nil {
		return err
	}
	setIf(&m.Role, u.Role)
	return m.Validate()
}

// MembershipFilter selects memberships.
type MembershipFilter struct {
	PersonID int64
	ForumID  int64
	TeamID   int64 // memberships of the team's own forum
	Role     string
	Page
}
