// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// Private to core/workspace: owning wrappers for libgit2 handles and error capture.

#include "core/common/result.h"

#include <git2.h>

#include <QByteArray>
#include <QString>

#include <memory>

namespace psm::core::git {

// libgit2's global state is set up once per process, whichever thread gets there first.
void ensureInitialised();

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *handle) const { Free(handle); }
};

template <typename T, void (*Free)(T *)> using Handle = std::unique_ptr<T, Deleter<T, Free>>;

using Repository = Handle<git_repository, git_repository_free>;
using Object = Handle<git_object, git_object_free>;
using Commit = Handle<git_commit, git_commit_free>;
using Tree = Handle<git_tree, git_tree_free>;
using TreeEntry = Handle<git_tree_entry, git_tree_entry_free>;
using Blob = Handle<git_blob, git_blob_free>;
using Index = Handle<git_index, git_index_free>;
using Config = Handle<git_config, git_config_free>;
using Signature = Handle<git_signature, git_signature_free>;
using Reference = Handle<git_reference, git_reference_free>;
using Revwalk = Handle<git_revwalk, git_revwalk_free>;
using Diff = Handle<git_diff, git_diff_free>;
using Patch = Handle<git_patch, git_patch_free>;
using StatusList = Handle<git_status_list, git_status_list_free>;
using Tag = Handle<git_tag, git_tag_free>;

// Owns a git_buf's memory.
struct Buf {
    git_buf buf = GIT_BUF_INIT;
    Buf() = default;
    Buf(const Buf &) = delete;
    Buf &operator=(const Buf &) = delete;
    ~Buf() { git_buf_dispose(&buf); }
    QByteArray bytes() const { return QByteArray(buf.ptr, qsizetype(buf.size)); }
};

// git_error_last() is per thread and overwritten by the next call: read it at once.
QString lastErrorText();

// An Error of `code` with `message` and libgit2's own text as detail.
tl::unexpected<Error> failGit(const QString &message, ErrorCode code = ErrorCode::Git);

inline QByteArray utf8(const QString &s)
{
    return s.toUtf8();
}
inline QString str(const char *s)
{
    return s ? QString::fromUtf8(s) : QString();
}
QString oidHex(const git_oid *oid);

} // namespace psm::core::git
