#pragma once

#include <QByteArray>

namespace couplinglab::ui {

// Qt writes a QFont's family as it is named, often an alias such as "Sans Serif" that only
// fontconfig understands; a browser or slide program would fall back to its default (serif)
// font. Each family becomes the font it resolves to here, then the generic family.
QByteArray portableFontFamilies(const QByteArray& svg);

}  // namespace couplinglab::ui
