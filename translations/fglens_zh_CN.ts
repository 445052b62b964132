<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="105"/>
        <source>%1: figure size and DPI must be positive</source>
        <translation>%1：图像尺寸和 DPI 必须为正数</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="128"/>
        <source>%1: cannot write the PNG file</source>
        <translation>%1：无法写入 PNG 文件</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="141"/>
        <location filename="../ui/export/chart_export.cpp" line="144"/>
        <source>%1: cannot write the SVG file</source>
        <translation>%1：无法写入 SVG 文件</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="157"/>
        <source>%1: cannot write the PDF file</source>
        <translation>%1：无法写入 PDF 文件</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="59"/>
        <source>Mean Rank per benchmark</source>
        <translation>各基准的平均排名</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="60"/>
        <source>benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="61"/>
        <source>Mean Rank (lower is better)</source>
        <translation>平均排名（越低越好）</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="83"/>
        <source>No head or run has FG-OVD results yet.</source>
        <translation>尚无相似度头或运行具有 FG-OVD 结果。</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="92"/>
        <source>Mean Rank vs number of negatives (%1)</source>
        <translation>平均排名与负例数（%1）</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="93"/>
        <source>negatives in the vocabulary (N)</source>
        <translation>词表中的负例数 (N)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="94"/>
        <source>Mean Rank</source>
        <translation>平均排名</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="111"/>
        <source>No per-object scores for %1.</source>
        <translation>%1 没有逐对象分数。</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="120"/>
        <source>COCO retrieval vs FG-OVD (Table I)</source>
        <translation>COCO 检索与 FG-OVD（表 I）</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="121"/>
        <source>FG-OVD Mean Rank Sum (lower is better)</source>
        <translation>FG-OVD 平均排名总和（越低越好）</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="125"/>
        <source>COCO %1 (%)</source>
        <translation>COCO %1（%）</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="134"/>
        <source>No run has both COCO recall and all eight FG-OVD benchmarks: evaluate runs into the log.</source>
        <translation>没有运行同时具有 COCO 召回率和全部八个 FG-OVD 基准的结果：请评估运行并写入日志。</translation>
    </message>
</context>
<context>
    <name>ProjectLoader</name>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="71"/>
        <source>COCO training set (warm-up)</source>
        <translation>COCO 训练集（预热）</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="73"/>
        <source>FG-OVD training set (fine-tune)</source>
        <translation>FG-OVD 训练集（微调）</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="75"/>
        <source>COCO test set (retrieval)</source>
        <translation>COCO 测试集（检索）</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="78"/>
        <source>features of %1</source>
        <translation>%1 的特征</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="123"/>
        <source>CLIP cosine (live)</source>
        <translation>CLIP 余弦（实时）</translation>
    </message>
</context>
<context>
    <name>fglens::ui::AttributeTypes</name>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="30"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="32"/>
        <source>Material</source>
        <translation>材质</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="34"/>
        <source>Pattern</source>
        <translation>图案</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="36"/>
        <source>Transparency</source>
        <translation>透明度</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ChartsPanel</name>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="40"/>
        <source>Mean Rank per benchmark</source>
        <translation>各基准的平均排名</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="41"/>
        <source>Rank vs negatives</source>
        <translation>排名与负例数</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="42"/>
        <source>COCO vs FG-OVD (Table I)</source>
        <translation>COCO 与 FG-OVD（表 I）</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="48"/>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="49"/>
        <source>Save the current chart as PNG, SVG or PDF, or its data as CSV or LaTeX</source>
        <translation>将当前图表保存为 PNG、SVG 或 PDF，或将其数据保存为 CSV 或 LaTeX</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="52"/>
        <source>Rank vs N benchmark:</source>
        <translation>排名-N 基准：</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="54"/>
        <source>COCO recall:</source>
        <translation>COCO 召回率：</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="154"/>
        <location filename="../ui/charts/charts_panel.cpp" line="178"/>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="156"/>
        <source>one column (3.5 in)</source>
        <translation>单栏（3.5 英寸）</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="157"/>
        <source>two columns (7.16 in)</source>
        <translation>双栏（7.16 英寸）</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="160"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="164"/>
        <source>Chart:</source>
        <translation>图表：</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="165"/>
        <source>&amp;Width:</source>
        <translation>宽度(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="166"/>
        <source>&amp;Resolution (PNG):</source>
        <translation>分辨率（PNG）(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="179"/>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV data (*.csv);;LaTeX table (*.tex)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV 数据 (*.csv);;LaTeX 表格 (*.tex)</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="198"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="200"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
</context>
<context>
    <name>fglens::ui::MainWindow</name>
    <message>
        <location filename="../ui/main_window.cpp" line="58"/>
        <location filename="../ui/main_window.cpp" line="428"/>
        <source>FG-Lens</source>
        <translation>FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="77"/>
        <source>Browser filtered to %1 under %2</source>
        <translation>浏览器已筛选为 %1（分数来源：%2）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="93"/>
        <source>Experiment log: %1</source>
        <translation>实验日志：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="107"/>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="148"/>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="149"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="150"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="151"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="163"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="164"/>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="166"/>
        <source>Open &amp;Demo Project</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="167"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="169"/>
        <source>&amp;Export Figures…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="171"/>
        <source>&amp;Close Project</source>
        <translation>关闭项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="183"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189"/>
        <source>&amp;Next Object</source>
        <translation>下一个对象(&amp;N)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>&amp;Previous Object</source>
        <translation>上一个对象(&amp;P)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="193"/>
        <source>&amp;Reset Filters</source>
        <translation>重置筛选(&amp;R)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>&amp;Full Screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201"/>
        <source>E&amp;xperiments</source>
        <translation>实验(&amp;X)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202"/>
        <source>Evaluate CLIP &amp;Baseline into Log</source>
        <translation>评估 CLIP 基线并写入日志(&amp;B)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="204"/>
        <source>&amp;Train a Head…</source>
        <translation>训练相似度头(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>&amp;Compare Selected Runs</source>
        <translation>比较所选运行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="212"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="230"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="231"/>
        <source>&amp;About FG-Lens</source>
        <translation>关于 FG-Lens(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232"/>
        <source>About FG-Lens</source>
        <translation>关于 FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="233"/>
        <source>&lt;h3&gt;FG-Lens %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-grained vision-language research: inspect FG-OVD errors, train similarity heads on frozen CLIP embeddings, and export charts and tables for papers.&lt;/p&gt;&lt;p&gt;Commit %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FG-Lens %1&lt;/h3&gt;&lt;p&gt;面向细粒度视觉-语言研究的工作台：检查 FG-OVD 错误，在冻结的 CLIP 嵌入上训练相似度头，并为论文导出图表和表格。&lt;/p&gt;&lt;p&gt;提交 %2。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="238"/>
        <source>About &amp;Qt</source>
        <translation>关于 &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251"/>
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="305"/>
        <source>Training in progress</source>
        <translation>正在训练</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306"/>
        <source>A training run is in progress. Cancel it and quit? It can be resumed later from its checkpoint.</source>
        <translation>正在进行训练运行。要取消它并退出吗？之后可以从其检查点继续。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="345"/>
        <source>Open FG-Lens project</source>
        <translation>打开 FG-Lens 项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="346"/>
        <source>FG-Lens project (project.json);;JSON files (*.json)</source>
        <translation>FG-Lens 项目 (project.json);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="356"/>
        <location filename="../ui/main_window.cpp" line="379"/>
        <location filename="../ui/main_window.cpp" line="520"/>
        <location filename="../ui/main_window.cpp" line="544"/>
        <source>Wait for “%1” to finish, or stop it.</source>
        <translation>请等待“%1”完成，或将其停止。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="362"/>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="385"/>
        <source>Opening the demo project</source>
        <translation>正在打开演示项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="401"/>
        <source>Experiment log</source>
        <translation>实验日志</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="409"/>
        <source>%1 — FG-Lens</source>
        <translation>%1 — FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="426"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="431"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="438"/>
        <source>No project. Open one with File → Open Project, or File → Open Demo Project.</source>
        <translation>未打开项目。请通过 文件 → 打开项目 或 文件 → 打开演示项目 打开。</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="448"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %n benchmark(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;：%n 个基准</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="450"/>
        <source>%1 objects</source>
        <translation>%1 个对象</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="452"/>
        <source>%1 images found</source>
        <translation>找到 %1 张图像</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="454"/>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;%1 of %2 images not found under %3&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;%2 张图像中有 %1 张未在 %3 下找到&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="457"/>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;%1 captions without embeddings&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;%1 条描述缺少嵌入&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="460"/>
        <source>every caption embedded</source>
        <translation>所有描述均已编码</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="461"/>
        <source>%n run(s) in the log</source>
        <translation>
            <numerusform>日志中有 %n 条运行记录</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="463"/>
        <source>missing: %1</source>
        <translation>缺少：%1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="465"/>
        <source>Manifest: %1
Image root: %2
Log: %3</source>
        <translation>清单：%1
图像根目录：%2
日志：%3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="467"/>
        <source>
First missing images:
  %1</source>
        <translation>
前几张缺失的图像：
  %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="476"/>
        <source>Still loading the previous comparison.</source>
        <translation>仍在加载上一次比较。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="482"/>
        <source>Loading runs</source>
        <translation>正在加载运行记录</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="501"/>
        <source>No results logged yet for %1: evaluate them into the log.</source>
        <translation>%1 尚无已记录的结果：请评估并写入日志。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="509"/>
        <source>Compare runs</source>
        <translation>比较运行</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="529"/>
        <source>Evaluating run %1</source>
        <translation>正在评估运行 %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="552"/>
        <source>Evaluating the CLIP baseline</source>
        <translation>正在评估 CLIP 基线</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="567"/>
        <source>Export every chart to</source>
        <translation>将所有图表导出到</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="576"/>
        <source>Export figures</source>
        <translation>导出图表</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="578"/>
        <source>Wrote %n file(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个文件写入 %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="586"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="586"/>
        <source>The language changes the next time FG-Lens starts.</source>
        <translation>语言将在下次启动 FG-Lens 时生效。</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectBrowser</name>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="45"/>
        <source>The head or run whose ranks and margins the browser shows</source>
        <translation>浏览器显示其排名和间隔的相似度头或运行</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="47"/>
        <source>A second head or run: its rank and the rank change are shown beside</source>
        <translation>第二个相似度头或运行：其排名及排名变化显示在旁边</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="51"/>
        <source>category word…</source>
        <translation>类别词…</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="54"/>
        <source>correct and incorrect</source>
        <translation>正确与错误</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="55"/>
        <source>correct (rank 1)</source>
        <translation>正确（排名 1）</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="56"/>
        <source>incorrect (rank &gt; 1)</source>
        <translation>错误（排名 &gt; 1）</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="61"/>
        <location filename="../ui/browser/object_browser.cpp" line="69"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="72"/>
        <source>Reset filters</source>
        <translation>重置筛选</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="84"/>
        <source>&amp;Scores of:</source>
        <translation>分数来源(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="85"/>
        <source>Co&amp;mpare with:</source>
        <translation>对比(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="86"/>
        <source>&amp;Benchmark:</source>
        <translation>基准(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="87"/>
        <source>&amp;Attribute:</source>
        <translation>属性(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="88"/>
        <source>&amp;Word:</source>
        <translation>词(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="89"/>
        <source>&amp;Outcome:</source>
        <translation>结果(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="90"/>
        <source>Rank from:</source>
        <translation>排名从：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="91"/>
        <source>Rank to:</source>
        <translation>排名到：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="92"/>
        <source>Margin from:</source>
        <translation>间隔从：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="93"/>
        <source>Margin to:</source>
        <translation>间隔到：</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="128"/>
        <source>&amp;Grid</source>
        <translation>网格(&amp;G)</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="129"/>
        <source>&amp;Table</source>
        <translation>表格(&amp;T)</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="191"/>
        <source>all benchmarks</source>
        <translation>全部基准</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="195"/>
        <source>any attribute</source>
        <translation>任意属性</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="210"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="251"/>
        <source>%1 of %2 objects</source>
        <translation>%2 个对象中的 %1 个</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectInspector</name>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="58"/>
        <source>The full image with the object&apos;s box</source>
        <translation>带有对象框的完整图像</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="59"/>
        <source>The crop the image embedding is computed from</source>
        <translation>用于计算图像嵌入的裁剪区域</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="97"/>
        <source>Select an object in the browser. J and K move to the next and previous object.</source>
        <translation>在浏览器中选择一个对象。J 和 K 切换到下一个和上一个对象。</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="98"/>
        <source>no object selected</source>
        <translation>未选择对象</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="126"/>
        <source>image root not found: %1</source>
        <translation>未找到图像根目录：%1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="130"/>
        <source>loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="152"/>
        <source>image missing: %1</source>
        <translation>图像缺失：%1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="153"/>
        <source>no crop</source>
        <translation>无裁剪</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="178"/>
        <source>&lt;b&gt;%1&lt;/b&gt; object %2 · image %3 · box [%4, %5, %6, %7] · %8 negatives (protocol N = %9)%10</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 对象 %2 · 图像 %3 · 框 [%4, %5, %6, %7] · %8 个负例（协议 N = %9）%10</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="188"/>
        <source> · attributes: %1</source>
        <translation> · 属性：%1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="195"/>
        <source>Caption</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="199"/>
        <source>%1
score</source>
        <translation>%1
分数</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="199"/>
        <source>rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="212"/>
        <source>positive</source>
        <translation>正例</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="212"/>
        <source>neg %1</source>
        <translation>负例 %1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="218"/>
        <source>
(no embedding for this caption)</source>
        <translation>
（此描述没有嵌入）</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="220"/>
        <source>
(beyond the protocol&apos;s %1 negatives: not scored)</source>
        <translation>
（超出协议的 %1 个负例：未评分）</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="243"/>
        <source>score %1 (bar spans this vocabulary&apos;s lowest to highest score)</source>
        <translation>分数 %1（条形范围为此词表的最低分到最高分）</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="253"/>
        <source>outside the protocol&apos;s vocabulary</source>
        <translation>不在协议的词表内</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="254"/>
        <source>not evaluated under this head (fewer than N negatives or no result)</source>
        <translation>未在此相似度头下评估（负例少于 N 个或无结果）</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectTableModel</name>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="252"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="256"/>
        <source>Benchmark</source>
        <translation>基准</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="258"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="260"/>
        <source>Positive caption</source>
        <translation>正确描述</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="262"/>
        <source>Negatives</source>
        <translation>负例数</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="264"/>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="266"/>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="268"/>
        <source>Margin</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="270"/>
        <source>Rank (%1)</source>
        <translation>排名（%1）</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="272"/>
        <source>Rank change</source>
        <translation>排名变化</translation>
    </message>
</context>
<context>
    <name>fglens::ui::RunsModel</name>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="110"/>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="112"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="114"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="116"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="202"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="204"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="206"/>
        <source>Head</source>
        <translation>相似度头</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="208"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="210"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="212"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="214"/>
        <source>Mean Rank Sum</source>
        <translation>平均排名总和</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="216"/>
        <source>COCO i2t R@1</source>
        <translation>COCO 图→文 R@1</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="218"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="220"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>fglens::ui::RunsPanel</name>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="44"/>
        <source>Select a run to see its configuration, data identity and metrics.</source>
        <translation>选择一个运行以查看其配置、数据标识和指标。</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="46"/>
        <source>&amp;Compare selected</source>
        <translation>比较所选(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="47"/>
        <source>Show the selected runs&apos; ranks and scores in the browser, inspector and charts</source>
        <translation>在浏览器、检查器和图表中显示所选运行的排名和分数</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="48"/>
        <source>&amp;Evaluate into log</source>
        <translation>评估并写入日志(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="49"/>
        <source>Evaluate the selected run&apos;s best weights on the project and log the result</source>
        <translation>在项目上评估所选运行的最佳权重，并将结果写入日志</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="50"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/runs/runs_panel.cpp" line="120"/>
        <source>%n runs selected</source>
        <translation>
            <numerusform>已选择 %n 个运行</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="134"/>
        <source>Run %1: %2
head %3, stage %4, seed %5
started %6, ended %7
program %8 (%9) on %10
</source>
        <translation>运行 %1：%2
相似度头 %3，阶段 %4，随机种子 %5
开始于 %6，结束于 %7
程序 %8（%9），主机 %10
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="138"/>
        <source>(running)</source>
        <translation>（运行中）</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="141"/>
        <source>parent run %1
</source>
        <translation>父运行 %1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="143"/>
        <source>weights %1
</source>
        <translation>权重 %1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="145"/>
        <source>error: %1
</source>
        <translation>错误：%1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="146"/>
        <source>
Configuration:
</source>
        <translation>
配置：
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="147"/>
        <source>
Data identity:
</source>
        <translation>
数据标识：
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="148"/>
        <source>
Final metrics:
</source>
        <translation>
最终指标：
</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ThumbnailDelegate</name>
    <message>
        <location filename="../ui/browser/thumbnail_delegate.cpp" line="58"/>
        <source>image
missing</source>
        <translation>图像
缺失</translation>
    </message>
    <message>
        <location filename="../ui/browser/thumbnail_delegate.cpp" line="58"/>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
</context>
<context>
    <name>fglens::ui::TrainingPanel</name>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="57"/>
        <source>Warm-up (COCO captions)</source>
        <translation>预热（COCO 描述）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="58"/>
        <source>Fine-tune (FG-OVD training set)</source>
        <translation>微调（FG-OVD 训练集）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="60"/>
        <source>Fine-tune starting from this run&apos;s best weights</source>
        <translation>从此运行的最佳权重开始微调</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="62"/>
        <source>released configs (warm-up lr 5e-5)</source>
        <translation>发布的配置（预热学习率 5e-5）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="63"/>
        <source>paper text (warm-up lr 5e-4)</source>
        <translation>论文正文（预热学习率 5e-4）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="64"/>
        <source>demo project (warm-up lr 1e-3, fine-tune 3e-4)</source>
        <translation>演示项目（预热 lr 1e-3，微调 3e-4）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="81"/>
        <source>normalise text across captions (reference quirk 1)</source>
        <translation>跨描述归一化文本（参考实现怪癖 1）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="83"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="86"/>
        <source>&amp;Head:</source>
        <translation>相似度头(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="87"/>
        <source>&amp;Stage:</source>
        <translation>阶段(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="88"/>
        <source>&amp;From run:</source>
        <translation>起始运行(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="89"/>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="90"/>
        <source>&amp;Epochs:</source>
        <translation>轮数(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="91"/>
        <source>&amp;Batch size:</source>
        <translation>批大小(&amp;B)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="92"/>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="93"/>
        <source>&amp;Margin:</source>
        <translation>间隔(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="94"/>
        <source>S&amp;eed:</source>
        <translation>随机种子(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="95"/>
        <source>&amp;Negatives:</source>
        <translation>负例数(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="97"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="99"/>
        <source>&amp;Launch</source>
        <translation>启动(&amp;L)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="100"/>
        <location filename="../ui/training/training_panel.cpp" line="304"/>
        <source>Add the run to the queue; it starts when the previous one ends</source>
        <translation>将运行加入队列；它会在上一个运行结束后开始</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="101"/>
        <source>&amp;Cancel run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="102"/>
        <source>Res&amp;ume</source>
        <translation>继续(&amp;U)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="103"/>
        <source>Continue the cancelled run selected in the runs table (or the last one cancelled here)</source>
        <translation>继续运行表中选中的已取消运行（或在此处最后取消的运行）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="113"/>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="120"/>
        <source>Queued:</source>
        <translation>队列：</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="127"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="129"/>
        <source>train loss (batches)</source>
        <translation>训练损失（批）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="131"/>
        <source>train loss (epoch)</source>
        <translation>训练损失（轮）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="134"/>
        <source>validation loss (epoch)</source>
        <translation>验证损失（轮）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="143"/>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="146"/>
        <source>loss (mean per batch)</source>
        <translation>损失（每批平均）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="243"/>
        <source>none (fresh initialisation)</source>
        <translation>无（重新初始化）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="247"/>
        <source>#%1 %2 %3</source>
        <translation>#%1 %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="285"/>
        <source>Queued training run %1</source>
        <translation>已将训练运行 %1 加入队列</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="294"/>
        <source>resume of run %1</source>
        <translation>运行 %1 的续训</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="305"/>
        <source>The project has no data for this stage</source>
        <translation>项目中没有此阶段的数据</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="320"/>
        <source>Loss — %1</source>
        <translation>损失 — %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="322"/>
        <source>starting %1…</source>
        <translation>正在启动 %1…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="346"/>
        <source>epoch %1/%2, batch %3/%4, loss %5</source>
        <translation>第 %1/%2 轮，批 %3/%4，损失 %5</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="348"/>
        <source> · elapsed %1, about %2 left</source>
        <translation> · 已用时 %1，约剩 %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="363"/>
        <source>Epoch %1: train loss %2, validation loss %3</source>
        <translation>第 %1 轮：训练损失 %2，验证损失 %3</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="365"/>
        <source>, Mean Rank Sum %1</source>
        <translation>，平均排名总和 %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="367"/>
        <source> (best so far)</source>
        <translation>（目前最佳）</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="375"/>
        <source>run %1 finished in %2</source>
        <translation>运行 %1 已完成，用时 %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="377"/>
        <source>run %1 cancelled: Resume continues it from its last checkpoint</source>
        <translation>运行 %1 已取消：点击“继续”可从其最后一个检查点接着训练</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="379"/>
        <source>run failed: %1</source>
        <translation>运行失败：%1</translation>
    </message>
</context>
<context>
    <name>fglens::ui::TrainingQueue</name>
    <message>
        <location filename="../ui/training/training_queue.cpp" line="197"/>
        <source>Training %1</source>
        <translation>正在训练 %1</translation>
    </message>
</context>
</TS>
