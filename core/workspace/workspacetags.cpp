// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Workspace's release labels: git tags, lightweight or annotated.
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_p.h"

#include <algorithm>

namespace psm::core {

using git::failGit;
using git::str;
using git::utf8;

namespace {

struct StrArray {
    git_strarray array {};
    StrArray() = default;
    StrArray(const StrArray &) = delete;
    StrArray &operator=(const StrArray &) = delete;
    ~StrArray() { git_strarray_dispose(&array); }
};

Status checkTagName(const QString &name)
{
    int valid = 0;
    if (name.isEmpty() || git_tag_name_is_valid(&valid, utf8(name).constData()) != 0 || !valid)
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("'%1' is not a valid tag name (see `git check-ref-format`)").arg(name));
    return {};
}

Result<TagInfo> tagInfo(git_repository *repo, const QString &name)
{
    git_reference *rawRef = nullptr;
    if (git_reference_lookup(&rawRef, repo, utf8(QStringLiteral("refs/tags/") + name).constData())
        != 0)
        return failGit(QStringLiteral("No tag named '%1'").arg(name), ErrorCode::NotFound);
    git::Reference ref(rawRef);
    git_object *rawObject = nullptr;
    if (git_reference_peel(&rawObject, ref.get(), GIT_OBJECT_ANY) != 0)
        return failGit(QStringLiteral("Cannot read tag '%1'").arg(name));
    git::Object object(rawObject);

    TagInfo info;
    info.name = name;
    // git_reference_peel(ANY) stops at the first non-tag object; read the tag object itself
    // from the reference's direct target.
    const git_oid *direct = git_reference_target(ref.get());
    git_object *rawDirect = nullptr;
    if (direct && git_object_lookup(&rawDirect, repo, direct, GIT_OBJECT_ANY) == 0) {
        git::Object directObject(rawDirect);
        if (git_object_type(directObject.get()) == GIT_OBJECT_TAG) {
            info.annotated = true;
            info.message
                = str(git_tag_message(reinterpret_cast<const git_tag *>(directObject.get())));
        }
    }
    git_object *rawCommit = nullptr;
    if (git_object_peel(&rawCommit, object.get(), GIT_OBJECT_COMMIT) == 0) {
        git::Object commit(rawCommit);
        info.targetId = git::oidHex(git_object_id(commit.get()));
    } else {
        git_error_clear();
        info.targetId = git::oidHex(git_object_id(object.get()));
    }
    return info;
}

} // namespace

Result<QList<TagInfo>> Workspace::tags() const
{
    StrArray names;
    if (git_tag_list(&names.array, d->repo.get()) != 0)
        return failGit(QStringLiteral("Cannot list tags"));
    QList<TagInfo> result;
    for (size_t i = 0; i < names.array.count; ++i) {
        Result<TagInfo> info = tagInfo(d->repo.get(), str(names.array.strings[i]));
        if (!info)
            return tl::unexpected(info.error());
        result.append(*info);
    }
    std::sort(result.begin(), result.end(),
        [](const TagInfo &a, const TagInfo &b) { return a.name < b.name; });
    return result;
}

Result<TagInfo> Workspace::createTag(
    const QString &name, const QString &rev, const QString &message)
{
    if (Status valid = checkTagName(name); !valid)
        return tl::unexpected(valid.error());
    git_reference *rawExisting = nullptr;
    if (git_reference_lookup(
            &rawExisting, d->repo.get(), utf8(QStringLiteral("refs/tags/") + name).constData())
        == 0) {
        git::Reference existing(rawExisting);
        return fail(ErrorCode::Conflict, QStringLiteral("Tag '%1' already exists").arg(name));
    }
    git_error_clear();
    Result<git::Commit> target = d->commitFor(rev.isEmpty() ? QStringLiteral("HEAD") : rev);
    if (!target)
        return tl::unexpected(target.error());
    const auto *object = reinterpret_cast<const git_object *>(target->get());

    git_oid id;
    if (message.trimmed().isEmpty()) {
        if (git_tag_create_lightweight(&id, d->repo.get(), utf8(name).constData(), object, 0) != 0)
            return failGit(QStringLiteral("Cannot create tag '%1'").arg(name));
    } else {
        git_signature *rawSignature = nullptr;
        if (git_signature_default(&rawSignature, d->repo.get()) != 0) {
            const QString detail = git::lastErrorText();
            Result<Identity> who = identity();
            return fail(ErrorCode::InvalidInput,
                who ? QStringLiteral("No usable git identity to sign the tag")
                    : who.error().message,
                detail);
        }
        git::Signature signature(rawSignature);
        git::Buf cleanMessage;
        if (git_message_prettify(&cleanMessage.buf, utf8(message).constData(), 0, '#') != 0)
            return failGit(QStringLiteral("Cannot format the tag message"));
        if (git_tag_create(&id, d->repo.get(), utf8(name).constData(), object, signature.get(),
                cleanMessage.buf.ptr, 0)
            != 0)
            return failGit(QStringLiteral("Cannot create tag '%1'").arg(name));
    }
    return tagInfo(d->repo.get(), name);
}

Status Workspace::deleteTag(const QString &name)
{
    if (Status valid = checkTagName(name); !valid)
        return valid;
    if (Result<TagInfo> existing = tagInfo(d->repo.get(), name); !existing)
        return tl::unexpected(existing.error());
    if (git_tag_delete(d->repo.get(), utf8(name).constData()) != 0)
        return failGit(QStringLiteral("Cannot delete tag '%1'").arg(name));
    return {};
}

} // namespace psm::core
