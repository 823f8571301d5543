// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Placeholder translation unit until the first provider lands; keeps the library target valid.
namespace psm::providers {
}
