package http

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"math"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/radiator-hq/radiator"
	"github.com/radiator-hq/radiator/web"
)

// mustParsePages parses each page template together with the layout, once,
// at start-up. The templates are embedded, so a parse error is a bug of the
// binary, not of its input, and it panics.
func mustParsePages(funcs template.FuncMap) map[string]*template.Template {
	names, err := fs.Glob(web.Templates, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		base := path.Base(name)
		if base == "layout.html" {
			continue
		}
		t := template.New(base).Funcs(funcs)
		pages[strings.TrimSuffix(base, ".html")] = template.Must(t.ParseFS(web.Templates, "templates/layout.html", name))
	}
	return pages
}

// layout is the data every page shares: its title and what the header
// shows. Each page's data struct embeds it.
type layout struct {
	Title        string
	Organisation string
	Person       *radiator.Person
}

// render writes the page with the given status. It renders to a buffer
// first, so that a failing template answers a clean error, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, data any) {
	var buf bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&buf, "base", data); err != nil {
		s.Error(w, r, fmt.Errorf("render page %s: %w", page, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, page loginPage) {
	page.Title = "Sign in"
	if o, err := s.Store.FindOrganisation(r.Context()); err == nil {
		page.Organisation = o.Name
	}
	s.render(w, r, status, "login", page)
}

// errorPage is the data of the page that shows an error.
type errorPage struct {
	layout
	Status  int
	Message string
}

// renderError writes the error page. It does not go through render,
// whose own failure would come back here.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, status int, message string) {
	data := errorPage{
		layout:  layout{Title: http.StatusText(status), Person: personFrom(r.Context())},
		Status:  status,
		Message: message,
	}
	var buf bytes.Buffer
	if err := s.pages["error"].ExecuteTemplate(&buf, "base", data); err != nil {
		s.Logger.ErrorContext(r.Context(), "render error page", "error", err.Error(), "request_id", requestID(r.Context()))
		http.Error(w, message, status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// templateFuncs are the functions templates call.
func (s *Server) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"static":    s.static.url,
		"tierLabel": radiator.TierLabel,
		"tierTitle": tierTitle,
		"kindTitle": kindTitle,
		"roleTitle": radiator.RoleTitle,
		"cadence":   cadenceSummary,
		"date":      formatDate,
		"state":     stateTitle,
		"estimate":  formatEstimate,
		"points":    formatPoints,
	}
}

// tierTitle names the conversation of a tier, as the chapter does.
func tierTitle(tier int) string {
	switch tier {
	case 1:
		return "Scrum teams"
	case 2:
		return "Scrum of Scrums"
	case 3:
		return "Project and portfolio planning"
	case 4:
		return "Agile steering"
	}
	return "Tier " + strconv.Itoa(tier)
}

// kindTitle names a forum kind for people.
func kindTitle(kind string) string {
	switch kind {
	case radiator.ForumTeam:
		return "Scrum team"
	case radiator.ForumScrumOfScrums:
		return "Scrum of Scrums"
	case radiator.ForumPortfolio:
		return "Portfolio"
	case radiator.ForumSteering:
		return "Agile steering"
	}
	return "Forum"
}

// stateTitle names a backlog item or sprint state for people.
func stateTitle(state string) string {
	if state == "" {
		return ""
	}
	return strings.ToUpper(state[:1]) + strings.ReplaceAll(state[1:], "_", " ")
}

// cadenceSummary says in a line when a forum meets.
func cadenceSummary(c radiator.Cadence) string {
	at := fmt.Sprintf("%s %s, %d min", c.Time, c.TimeZone, c.Minutes)
	switch c.Mode {
	case radiator.CadenceDaily:
		return "Daily at " + at
	case radiator.CadenceWeekly:
		return weekdays(c.Weekdays) + " at " + at
	case radiator.CadenceRelease:
		return "With the release: " + weekdays(c.Weekdays) + " while sprinting at " + at
	case radiator.CadenceQuarter:
		return "Quarterly at " + at
	case radiator.CadenceOnDemand:
		return "On demand"
	}
	return c.Mode
}

// weekdays writes weekday names like "mon", "thu" as "Mon and Thu".
func weekdays(days []string) string {
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = stateTitle(d)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// formatDate writes a date as people read it: "Tue 3 Mar 2026".
func formatDate(d radiator.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("Mon 2 Jan 2006")
}

// formatEstimate writes an estimate as formatPoints does, "–" for none.
func formatEstimate(e *float64) string {
	if e == nil {
		return "–"
	}
	return formatPoints(*e)
}

// formatPoints writes a number of points without needless decimals.
func formatPoints(p float64) string { return strconv.FormatFloat(math.Round(p*10)/10, 'f', -1, 64) }

// staticFiles are the files under /static/, each with the checksum that
// goes into its URL, so that browsers may keep a file until it changes.
type staticFiles map[string]staticFile

type staticFile struct {
	data []byte
	sum  string
}

func mustLoadStatic() staticFiles {
	files := staticFiles{}
	err := fs.WalkDir(web.Static, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(web.Static, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		files[strings.TrimPrefix(name, "static/")] = staticFile{data: data, sum: hex.EncodeToString(sum[:8])}
		return nil
	})
	if err != nil {
		panic(fmt.Sprintf("load embedded static files: %v", err))
	}
	return files
}

// url returns the address of a static file, with its checksum. Templates
// call it with literal names, so an unknown name is a bug; it gives an
// address that is not found rather than failing the page.
func (sf staticFiles) url(name string) string {
	return "/static/" + name + "?v=" + sf[name].sum
}

// handleStatic serves a static file. A request naming the file's current
// checksum may be cached for good; any other only with revalidation.
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	f, ok := s.static[name]
	if !ok {
		s.Error(w, r, radiator.Errorf(radiator.ENOTFOUND, "There is no file %s.", name))
		return
	}
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	w.Header().Set("ETag", `"`+f.sum+`"`)
	if r.URL.Query().Get("v") == f.sum {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
}
