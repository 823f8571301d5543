// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// Commit-message trailers ("Key: value" lines in the last paragraph) by git's own rules
// (trailer.c), so what we write `git log --format=%(trailers)` and `git interpret-trailers
// --parse` read back, and what git or a user wrote we find. Pure functions over text.
//
// The rules followed: the first paragraph is the title and never trailers; trailing comment
// lines ('#'), blank lines and everything from the scissors line on are not part of the
// message; the trailer block is the last paragraph when all its lines are trailers, or when at
// least a quarter are and one is git-generated (Signed-off-by, "(cherry picked from commit").
// A "---" line is not a divider: git reads commits that way (%(trailers) uses no_divider).
// CRLF line ends are read as LF and written as LF, as git's message cleanup does.
namespace psm::core {

struct Trailer {
    QString key; // as written: "Signed-off-by"
    QString value; // trimmed; continuation lines unfolded with one space
};

// The trailers of the message's trailer block, in order; empty when it has none.
QList<Trailer> parseTrailers(const QString &message);

// `message` with `add` appended to its trailer block (a new block after a blank line when it
// has none). Trailers already in the block whose key is in `replaceKeys` (case-insensitive, as
// git compares keys) are dropped first, so writing again replaces rather than duplicates.
// Other trailers, non-trailer lines of the block and trailing comments stay where they were.
// Values are made single-line (newlines become spaces); keys must be [A-Za-z0-9-]+. A message
// needs its title first: with none, the new block would be the title, and no trailers to git.
QString withTrailers(
    const QString &message, const QList<Trailer> &add, const QStringList &replaceKeys = {});

} // namespace psm::core
