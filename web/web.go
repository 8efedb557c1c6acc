// Package web holds the files the server sends to browsers: the page
// templates and the static files, embedded in the binary. It has no code of
// its own; package http parses and serves them.
package web

import "embed"

// Templates holds templates/layout.html, which defines "base", and one
// file per page defining "title" and "content".
//
//go:embed templates/*.html
var Templates embed.FS

// Static holds the files served under /static/.
//
//go:embed static
var Static embed.FS
