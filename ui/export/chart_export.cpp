#include "export/chart_export.h"

#include "figures/figure_renderer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace fglens::ui {

namespace {

// PDF device units per point: fine enough that rounding never shows.
constexpr int kPdfResolution = 720;

QString tr(const char* text)
{
    return QCoreApplication::translate("ChartExport", text);
}

QString writeText(const QString& path, const QString& text)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("%1: %2").arg(path, f.errorString());
    f.write(text.toUtf8());
    if (!f.commit())
        return QStringLiteral("%1: %2").arg(path, f.errorString());
    return {};
}

QString xmp(const ChartData& data)
{
    return QStringLiteral(
               "<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
               "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
               "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
               "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
               "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%1</rdf:li></rdf:Alt></dc:title>\n"
               "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%2</rdf:li></rdf:Alt></dc:description>\n"
               "<dc:creator><rdf:Seq><rdf:li>FG-Lens</rdf:li></rdf:Seq></dc:creator>\n"
               "</rdf:Description></rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>")
        .arg(data.title.toHtmlEscaped(), data.provenance.toHtmlEscaped());
}

// Writes to a temporary file beside `path`, renamed only once complete, so a
// failed export never leaves a half-written figure under the final name.
template <typename Write>
QString atomically(const QString& path, Write write)
{
    const QFileInfo info(path);
    if (!info.absoluteDir().exists())
        return QStringLiteral("%1: %2").arg(path, tr("the directory does not exist"));
    const QString tmp = path + QStringLiteral(".part");
    QString error = write(tmp);
    if (error.isEmpty() && !QFile::exists(tmp))
        error = QStringLiteral("%1: %2").arg(path, tr("cannot write the file"));
    if (error.isEmpty()) {
        QFile::remove(path);
        if (!QFile::rename(tmp, path))
            error = QStringLiteral("%1: %2").arg(path, tr("cannot write the file"));
    }
    QFile::remove(tmp);
    return error;
}

} // namespace

QString exportFormatSuffix(ExportFormat f)
{
    switch (f) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Latex:
        return QStringLiteral("tex");
    }
    return {};
}

ExportFormat exportFormatForPath(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    for (ExportFormat f : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Csv, ExportFormat::Latex})
        if (suffix == exportFormatSuffix(f))
            return f;
    return ExportFormat::Pdf;
}

QString exportChart(const ChartData& data, ExportFormat format, const QString& path, const ExportOptions& o)
{
    if (format == ExportFormat::Csv)
        return writeText(path, chartCsv(data));
    if (format == ExportFormat::Latex)
        return writeText(path, chartLatex(data));
    if (!(o.figure.widthPt > 0) || o.dpi <= 0 || o.dpi > 4800)
        return QStringLiteral("%1: %2").arg(path, tr("figure width and DPI must be positive (DPI at most 4800)"));

    FigureOptions fo = o.figure;
    fo.outlineText = format == ExportFormat::Svg && o.outlineSvgText;
    const FigureRenderer figure(data, fo);
    const QSizeF size = figure.sizePt();

    switch (format) {
    case ExportFormat::Png:
        return atomically(path, [&](const QString& tmp) {
            const double scale = o.dpi / 72.0;
            QImage image(qRound(size.width() * scale), qRound(size.height() * scale), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::white);
            const int dpm = qRound(o.dpi / 0.0254);
            image.setDotsPerMeterX(dpm);
            image.setDotsPerMeterY(dpm);
            image.setText(QStringLiteral("Title"), data.title);
            image.setText(QStringLiteral("Description"), data.provenance);
            image.setText(QStringLiteral("Software"), QStringLiteral("FG-Lens"));
            {
                QPainter p(&image);
                p.scale(scale, scale);
                figure.paint(p);
            }
            return image.save(tmp, "PNG") ? QString() : QStringLiteral("%1: %2").arg(path, tr("cannot write the PNG file"));
        });
    case ExportFormat::Svg:
        return atomically(path, [&](const QString& tmp) {
            QSvgGenerator svg;
            svg.setFileName(tmp);
            svg.setTitle(data.title);
            svg.setDescription(data.provenance);
            // One SVG user unit per point: width and height come out in the
            // figure's physical size.
            svg.setResolution(72);
            svg.setSize(size.toSize());
            svg.setViewBox(QRectF(QPointF(0, 0), size));
            QPainter p;
            if (!p.begin(&svg))
                return QStringLiteral("%1: %2").arg(path, tr("cannot write the SVG file"));
            figure.paint(p);
            p.end();
            return QString();
        });
    case ExportFormat::Pdf:
        return atomically(path, [&](const QString& tmp) {
            QPdfWriter pdf(tmp);
            pdf.setTitle(data.title);
            pdf.setCreator(QStringLiteral("FG-Lens"));
            pdf.setDocumentXmpMetadata(xmp(data).toUtf8());
            pdf.setResolution(kPdfResolution);
            pdf.setPageSize(QPageSize(size, QPageSize::Point, QString(), QPageSize::ExactMatch));
            pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
            QPainter p;
            if (!p.begin(&pdf))
                return QStringLiteral("%1: %2").arg(path, tr("cannot write the PDF file"));
            p.scale(kPdfResolution / 72.0, kPdfResolution / 72.0);
            figure.paint(p);
            p.end();
            return QString();
        });
    default:
        return QString();
    }
}

} // namespace fglens::ui
