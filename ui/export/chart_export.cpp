#include "export/chart_export.h"

#include "charts/chart_factory.h"

#include <QChart>
#include <QCoreApplication>
#include <QFile>
#include <QGraphicsScene>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <memory>

namespace fglens::ui {

namespace {

// Charts are laid out in 96-dpi logical pixels so point sizes come out at
// their physical size on paper; raster output scales the painter.
constexpr double kLayoutDpi = 96.0;

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

QString xmlEscape(const QString& s)
{
    return s.toHtmlEscaped();
}

// A laid-out chart in its own scene, ready to paint.
struct Staged {
    QGraphicsScene scene;
    QChart* chart = nullptr;   // owned by the scene
    QSizeF size;
};

std::unique_ptr<Staged> stage(const ChartData& data, const ExportOptions& o)
{
    auto s = std::make_unique<Staged>();
    ChartStyle style;
    style.fontPointSize = o.fontPointSize > 0 ? o.fontPointSize : (o.size.widthInches > 5 ? 8.0 : 7.0);
    s->chart = buildChart(data, style);
    s->size = QSizeF(o.size.widthInches * kLayoutDpi, o.size.heightInches * kLayoutDpi);
    s->scene.addItem(s->chart);
    s->chart->setGeometry(QRectF(QPointF(0, 0), s->size));
    s->scene.setSceneRect(QRectF(QPointF(0, 0), s->size));
    // QChart lays its series out from posted layout events.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    return s;
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
        .arg(xmlEscape(data.title), xmlEscape(data.provenance));
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

QString exportChart(const ChartData& data, ExportFormat format, const QString& path, const ExportOptions& o)
{
    if (format == ExportFormat::Csv)
        return writeText(path, chartCsv(data));
    if (format == ExportFormat::Latex)
        return writeText(path, chartLatex(data));
    if (o.size.widthInches <= 0 || o.size.heightInches <= 0 || o.dpi <= 0)
        return QCoreApplication::translate("ChartExport", "%1: figure size and DPI must be positive").arg(path);

    auto staged = stage(data, o);
    const QRectF source(QPointF(0, 0), staged->size);

    switch (format) {
    case ExportFormat::Png: {
        const double scale = o.dpi / kLayoutDpi;
        QImage image((staged->size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        const int dpm = static_cast<int>(o.dpi / 0.0254 + 0.5);
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
        image.setText(QStringLiteral("Title"), data.title);
        image.setText(QStringLiteral("Description"), data.provenance);
        image.setText(QStringLiteral("Software"), QStringLiteral("FG-Lens"));
        {
            QPainter p(&image);
            p.setRenderHint(QPainter::Antialiasing);
            p.setRenderHint(QPainter::TextAntialiasing);
            staged->scene.render(&p, QRectF(QPointF(0, 0), QSizeF(image.size())), source);
        }
        if (!image.save(path, "PNG"))
            return QCoreApplication::translate("ChartExport", "%1: cannot write the PNG file").arg(path);
        return {};
    }
    case ExportFormat::Svg: {
        QSvgGenerator svg;
        svg.setFileName(path);
        svg.setTitle(data.title);
        svg.setDescription(data.provenance);
        svg.setResolution(static_cast<int>(kLayoutDpi));
        svg.setSize(staged->size.toSize());
        svg.setViewBox(source);
        QPainter p;
        if (!p.begin(&svg))
            return QCoreApplication::translate("ChartExport", "%1: cannot write the SVG file").arg(path);
        staged->scene.render(&p, source, source);
        p.end();
        return QFile::exists(path) ? QString() : QCoreApplication::translate("ChartExport", "%1: cannot write the SVG file").arg(path);
    }
    case ExportFormat::Pdf: {
        QPdfWriter pdf(path);
        pdf.setTitle(data.title);
        pdf.setCreator(QStringLiteral("FG-Lens"));
        pdf.setDocumentXmpMetadata(xmp(data).toUtf8());
        pdf.setPageSize(QPageSize(QSizeF(o.size.widthInches, o.size.heightInches), QPageSize::Inch,
                                  QString(), QPageSize::ExactMatch));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setResolution(static_cast<int>(kLayoutDpi) * 6);   // fine device units; output stays vector
        QPainter p;
        if (!p.begin(&pdf))
            return QCoreApplication::translate("ChartExport", "%1: cannot write the PDF file").arg(path);
        const QRectF page(0, 0, pdf.width(), pdf.height());
        staged->scene.render(&p, page, source);
        p.end();
        return {};
    }
    default:
        return {};
    }
}

} // namespace fglens::ui
