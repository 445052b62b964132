<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>ChartExport</name>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="105"/>
        <source>%1: figure size and DPI must be positive</source>
        <translation>%1: le dimensioni della figura e i DPI devono essere positivi</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="128"/>
        <source>%1: cannot write the PNG file</source>
        <translation>%1: impossibile scrivere il file PNG</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="141"/>
        <location filename="../ui/export/chart_export.cpp" line="144"/>
        <source>%1: cannot write the SVG file</source>
        <translation>%1: impossibile scrivere il file SVG</translation>
    </message>
    <message>
        <location filename="../ui/export/chart_export.cpp" line="157"/>
        <source>%1: cannot write the PDF file</source>
        <translation>%1: impossibile scrivere il file PDF</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="59"/>
        <source>Mean Rank per benchmark</source>
        <translation>Rango medio per benchmark</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="60"/>
        <source>benchmark</source>
        <translation>benchmark</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="61"/>
        <source>Mean Rank (lower is better)</source>
        <translation>Rango medio (più basso è meglio)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="83"/>
        <source>No head or run has FG-OVD results yet.</source>
        <translation>Nessuna testa o esecuzione ha ancora risultati FG-OVD.</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="92"/>
        <source>Mean Rank vs number of negatives (%1)</source>
        <translation>Rango medio e numero di negativi (%1)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="93"/>
        <source>negatives in the vocabulary (N)</source>
        <translation>negativi nel vocabolario (N)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="94"/>
        <source>Mean Rank</source>
        <translation>Rango medio</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="111"/>
        <source>No per-object scores for %1.</source>
        <translation>Nessun punteggio per oggetto per %1.</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="120"/>
        <source>COCO retrieval vs FG-OVD (Table I)</source>
        <translation>Recupero COCO e FG-OVD (Tabella I)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="121"/>
        <source>FG-OVD Mean Rank Sum (lower is better)</source>
        <translation>Somma dei ranghi medi FG-OVD (più basso è meglio)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="125"/>
        <source>COCO %1 (%)</source>
        <translation>COCO %1 (%)</translation>
    </message>
    <message>
        <location filename="../ui/charts/chart_data.cpp" line="134"/>
        <source>No run has both COCO recall and all eight FG-OVD benchmarks: evaluate runs into the log.</source>
        <translation>Nessuna esecuzione ha sia il richiamo COCO sia tutti e otto i benchmark FG-OVD: valuta le esecuzioni nel registro.</translation>
    </message>
</context>
<context>
    <name>ProjectLoader</name>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="71"/>
        <source>COCO training set (warm-up)</source>
        <translation>training set COCO (riscaldamento)</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="73"/>
        <source>FG-OVD training set (fine-tune)</source>
        <translation>training set FG-OVD (affinamento)</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="75"/>
        <source>COCO test set (retrieval)</source>
        <translation>test set COCO (recupero)</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="78"/>
        <source>features of %1</source>
        <translation>feature di %1</translation>
    </message>
    <message>
        <location filename="../ui/model/project_loader.cpp" line="123"/>
        <source>CLIP cosine (live)</source>
        <translation>CLIP coseno (dal vivo)</translation>
    </message>
</context>
<context>
    <name>fglens::ui::AttributeTypes</name>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="30"/>
        <source>Colour</source>
        <translation>Colore</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="32"/>
        <source>Material</source>
        <translation>Materiale</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="34"/>
        <source>Pattern</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../ui/model/attribute_types.cpp" line="36"/>
        <source>Transparency</source>
        <translation>Trasparenza</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ChartsPanel</name>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="40"/>
        <source>Mean Rank per benchmark</source>
        <translation>Rango medio per benchmark</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="41"/>
        <source>Rank vs negatives</source>
        <translation>Rango e negativi</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="42"/>
        <source>COCO vs FG-OVD (Table I)</source>
        <translation>COCO e FG-OVD (Tabella I)</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="48"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;sporta…</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="49"/>
        <source>Save the current chart as PNG, SVG or PDF, or its data as CSV or LaTeX</source>
        <translation>Salva il grafico corrente come PNG, SVG o PDF, oppure i suoi dati come CSV o LaTeX</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="52"/>
        <source>Rank vs N benchmark:</source>
        <translation>Benchmark per rango e N:</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="54"/>
        <source>COCO recall:</source>
        <translation>Richiamo COCO:</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="154"/>
        <location filename="../ui/charts/charts_panel.cpp" line="178"/>
        <source>Export chart</source>
        <translation>Esporta grafico</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="156"/>
        <source>one column (3.5 in)</source>
        <translation>una colonna (3,5 pollici)</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="157"/>
        <source>two columns (7.16 in)</source>
        <translation>due colonne (7,16 pollici)</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="160"/>
        <source> dpi</source>
        <translation> dpi</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="164"/>
        <source>Chart:</source>
        <translation>Grafico:</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="165"/>
        <source>&amp;Width:</source>
        <translation>&amp;Larghezza:</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="166"/>
        <source>&amp;Resolution (PNG):</source>
        <translation>&amp;Risoluzione (PNG):</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="179"/>
        <source>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;CSV data (*.csv);;LaTeX table (*.tex)</source>
        <translation>PDF (*.pdf);;SVG (*.svg);;PNG (*.png);;Dati CSV (*.csv);;Tabella LaTeX (*.tex)</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="198"/>
        <source>Export failed</source>
        <translation>Esportazione non riuscita</translation>
    </message>
    <message>
        <location filename="../ui/charts/charts_panel.cpp" line="200"/>
        <source>Exported %1</source>
        <translation>Esportato %1</translation>
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
        <translation>Browser filtrato su %1 con i punteggi di %2</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="93"/>
        <source>Experiment log: %1</source>
        <translation>Registro degli esperimenti: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="107"/>
        <source>Training failed</source>
        <translation>Addestramento non riuscito</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="148"/>
        <source>Inspector</source>
        <translation>Ispettore</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="149"/>
        <source>Runs</source>
        <translation>Esecuzioni</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="150"/>
        <source>Training</source>
        <translation>Addestramento</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="151"/>
        <source>Charts</source>
        <translation>Grafici</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="163"/>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="164"/>
        <source>&amp;Open Project…</source>
        <translation>&amp;Apri progetto…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="166"/>
        <source>Open &amp;Demo Project</source>
        <translation>Apri progetto &amp;dimostrativo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="167"/>
        <source>Open &amp;Recent</source>
        <translation>Apri &amp;recenti</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="169"/>
        <source>&amp;Export Figures…</source>
        <translation>&amp;Esporta figure…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="171"/>
        <source>&amp;Close Project</source>
        <translation>&amp;Chiudi progetto</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="179"/>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="183"/>
        <source>&amp;View</source>
        <translation>&amp;Visualizza</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="189"/>
        <source>&amp;Next Object</source>
        <translation>Oggetto &amp;successivo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="191"/>
        <source>&amp;Previous Object</source>
        <translation>Oggetto &amp;precedente</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="193"/>
        <source>&amp;Reset Filters</source>
        <translation>&amp;Azzera filtri</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="195"/>
        <source>&amp;Full Screen</source>
        <translation>Schermo &amp;intero</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="201"/>
        <source>E&amp;xperiments</source>
        <translation>Esperim&amp;enti</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="202"/>
        <source>Evaluate CLIP &amp;Baseline into Log</source>
        <translation>Valuta la &amp;baseline CLIP nel registro</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="204"/>
        <source>&amp;Train a Head…</source>
        <translation>&amp;Addestra una testa…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="209"/>
        <source>&amp;Compare Selected Runs</source>
        <translation>&amp;Confronta le esecuzioni selezionate</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="211"/>
        <source>&amp;Settings</source>
        <translation>&amp;Impostazioni</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="212"/>
        <source>&amp;Language</source>
        <translation>&amp;Lingua</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="216"/>
        <source>System default</source>
        <translation>Predefinita di sistema</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="230"/>
        <source>&amp;Help</source>
        <translation>&amp;Aiuto</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="231"/>
        <source>&amp;About FG-Lens</source>
        <translation>&amp;Informazioni su FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="232"/>
        <source>About FG-Lens</source>
        <translation>Informazioni su FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="233"/>
        <source>&lt;h3&gt;FG-Lens %1&lt;/h3&gt;&lt;p&gt;A workbench for fine-grained vision-language research: inspect FG-OVD errors, train similarity heads on frozen CLIP embeddings, and export charts and tables for papers.&lt;/p&gt;&lt;p&gt;Commit %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;FG-Lens %1&lt;/h3&gt;&lt;p&gt;Un banco di lavoro per la ricerca visione-linguaggio a grana fine: esamina gli errori FG-OVD, addestra teste di similarità su embedding CLIP congelati ed esporta grafici e tabelle per gli articoli.&lt;/p&gt;&lt;p&gt;Commit %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="238"/>
        <source>About &amp;Qt</source>
        <translation>Informazioni su &amp;Qt</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="250"/>
        <source>Stop</source>
        <translation>Ferma</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="251"/>
        <source>Cancel the running job</source>
        <translation>Annulla il lavoro in corso</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="305"/>
        <source>Training in progress</source>
        <translation>Addestramento in corso</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="306"/>
        <source>A training run is in progress. Cancel it and quit? It can be resumed later from its checkpoint.</source>
        <translation>È in corso un&apos;esecuzione di addestramento. Annullarla e uscire? Potrà essere ripresa in seguito dal suo checkpoint.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="345"/>
        <source>Open FG-Lens project</source>
        <translation>Apri progetto FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="346"/>
        <source>FG-Lens project (project.json);;JSON files (*.json)</source>
        <translation>Progetto FG-Lens (project.json);;File JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="356"/>
        <location filename="../ui/main_window.cpp" line="379"/>
        <location filename="../ui/main_window.cpp" line="520"/>
        <location filename="../ui/main_window.cpp" line="544"/>
        <source>Wait for “%1” to finish, or stop it.</source>
        <translation>Attendi che “%1” termini, oppure fermalo.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="362"/>
        <source>Opening %1</source>
        <translation>Apertura di %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="385"/>
        <source>Opening the demo project</source>
        <translation>Apertura del progetto dimostrativo</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="401"/>
        <source>Experiment log</source>
        <translation>Registro degli esperimenti</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="409"/>
        <source>%1 — FG-Lens</source>
        <translation>%1 — FG-Lens</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="426"/>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="431"/>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="438"/>
        <source>No project. Open one with File → Open Project, or File → Open Demo Project.</source>
        <translation>Nessun progetto. Aprine uno con File → Apri progetto oppure File → Apri progetto dimostrativo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="448"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %n benchmark(s)</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n benchmark</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;: %n benchmark</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="450"/>
        <source>%1 objects</source>
        <translation>%1 oggetti</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="452"/>
        <source>%1 images found</source>
        <translation>%1 immagini trovate</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="454"/>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;%1 of %2 images not found under %3&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;%1 immagini su %2 non trovate in %3&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="457"/>
        <source>&lt;span style=&quot;color:#c62828&quot;&gt;%1 captions without embeddings&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#c62828&quot;&gt;%1 didascalie senza embedding&lt;/span&gt;</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="460"/>
        <source>every caption embedded</source>
        <translation>tutte le didascalie hanno un embedding</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="461"/>
        <source>%n run(s) in the log</source>
        <translation>
            <numerusform>%n esecuzione nel registro</numerusform>
            <numerusform>%n esecuzioni nel registro</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="463"/>
        <source>missing: %1</source>
        <translation>mancano: %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="465"/>
        <source>Manifest: %1
Image root: %2
Log: %3</source>
        <translation>Manifest: %1
Cartella radice delle immagini: %2
Registro: %3</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="467"/>
        <source>
First missing images:
  %1</source>
        <translation>
Prime immagini mancanti:
  %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="476"/>
        <source>Still loading the previous comparison.</source>
        <translation>Il confronto precedente è ancora in caricamento.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="482"/>
        <source>Loading runs</source>
        <translation>Caricamento delle esecuzioni</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="501"/>
        <source>No results logged yet for %1: evaluate them into the log.</source>
        <translation>Ancora nessun risultato registrato per %1: valutali nel registro.</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="509"/>
        <source>Compare runs</source>
        <translation>Confronta esecuzioni</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="529"/>
        <source>Evaluating run %1</source>
        <translation>Valutazione dell&apos;esecuzione %1</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="552"/>
        <source>Evaluating the CLIP baseline</source>
        <translation>Valutazione della baseline CLIP</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="567"/>
        <source>Export every chart to</source>
        <translation>Esporta tutti i grafici in</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="576"/>
        <source>Export figures</source>
        <translation>Esporta figure</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/main_window.cpp" line="578"/>
        <source>Wrote %n file(s) to %1</source>
        <translation>
            <numerusform>%n file scritto in %1</numerusform>
            <numerusform>%n file scritti in %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="586"/>
        <source>Language</source>
        <translation>Lingua</translation>
    </message>
    <message>
        <location filename="../ui/main_window.cpp" line="586"/>
        <source>The language changes the next time FG-Lens starts.</source>
        <translation>La lingua cambierà al prossimo avvio di FG-Lens.</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectBrowser</name>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="45"/>
        <source>The head or run whose ranks and margins the browser shows</source>
        <translation>La testa o l&apos;esecuzione di cui il browser mostra ranghi e margini</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="47"/>
        <source>A second head or run: its rank and the rank change are shown beside</source>
        <translation>Una seconda testa o esecuzione: il suo rango e la variazione di rango sono mostrati accanto</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="51"/>
        <source>category word…</source>
        <translation>parola della categoria…</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="54"/>
        <source>correct and incorrect</source>
        <translation>corretti e sbagliati</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="55"/>
        <source>correct (rank 1)</source>
        <translation>corretti (rango 1)</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="56"/>
        <source>incorrect (rank &gt; 1)</source>
        <translation>sbagliati (rango &gt; 1)</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="61"/>
        <location filename="../ui/browser/object_browser.cpp" line="69"/>
        <source>any</source>
        <translation>qualsiasi</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="72"/>
        <source>Reset filters</source>
        <translation>Azzera filtri</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="84"/>
        <source>&amp;Scores of:</source>
        <translation>&amp;Punteggi di:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="85"/>
        <source>Co&amp;mpare with:</source>
        <translation>Co&amp;nfronta con:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="86"/>
        <source>&amp;Benchmark:</source>
        <translation>&amp;Benchmark:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="87"/>
        <source>&amp;Attribute:</source>
        <translation>&amp;Attributo:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="88"/>
        <source>&amp;Word:</source>
        <translation>&amp;Parola:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="89"/>
        <source>&amp;Outcome:</source>
        <translation>&amp;Esito:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="90"/>
        <source>Rank from:</source>
        <translation>Rango da:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="91"/>
        <source>Rank to:</source>
        <translation>Rango a:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="92"/>
        <source>Margin from:</source>
        <translation>Margine da:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="93"/>
        <source>Margin to:</source>
        <translation>Margine a:</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="128"/>
        <source>&amp;Grid</source>
        <translation>&amp;Griglia</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="129"/>
        <source>&amp;Table</source>
        <translation>&amp;Tabella</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="191"/>
        <source>all benchmarks</source>
        <translation>tutti i benchmark</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="195"/>
        <source>any attribute</source>
        <translation>qualsiasi attributo</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="210"/>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_browser.cpp" line="251"/>
        <source>%1 of %2 objects</source>
        <translation>%1 di %2 oggetti</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectInspector</name>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="58"/>
        <source>The full image with the object&apos;s box</source>
        <translation>L&apos;immagine intera con il riquadro dell&apos;oggetto</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="59"/>
        <source>The crop the image embedding is computed from</source>
        <translation>Il ritaglio da cui si calcola l&apos;embedding dell&apos;immagine</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="97"/>
        <source>Select an object in the browser. J and K move to the next and previous object.</source>
        <translation>Seleziona un oggetto nel browser. J e K passano all&apos;oggetto successivo e precedente.</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="98"/>
        <source>no object selected</source>
        <translation>nessun oggetto selezionato</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="126"/>
        <source>image root not found: %1</source>
        <translation>cartella radice delle immagini non trovata: %1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="130"/>
        <source>loading %1…</source>
        <translation>caricamento di %1…</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="152"/>
        <source>image missing: %1</source>
        <translation>immagine mancante: %1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="153"/>
        <source>no crop</source>
        <translation>nessun ritaglio</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="178"/>
        <source>&lt;b&gt;%1&lt;/b&gt; object %2 · image %3 · box [%4, %5, %6, %7] · %8 negatives (protocol N = %9)%10</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; oggetto %2 · immagine %3 · riquadro [%4, %5, %6, %7] · %8 negativi (protocollo N = %9)%10</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="188"/>
        <source> · attributes: %1</source>
        <translation> · attributi: %1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="195"/>
        <source>Caption</source>
        <translation>Didascalia</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="199"/>
        <source>%1
score</source>
        <translation>%1
punteggio</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="199"/>
        <source>rank</source>
        <translation>rango</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="212"/>
        <source>positive</source>
        <translation>positiva</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="212"/>
        <source>neg %1</source>
        <translation>neg. %1</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="218"/>
        <source>
(no embedding for this caption)</source>
        <translation>
(nessun embedding per questa didascalia)</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="220"/>
        <source>
(beyond the protocol&apos;s %1 negatives: not scored)</source>
        <translation>
(oltre i %1 negativi del protocollo: senza punteggio)</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="243"/>
        <source>score %1 (bar spans this vocabulary&apos;s lowest to highest score)</source>
        <translation>punteggio %1 (la barra va dal punteggio più basso al più alto di questo vocabolario)</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="253"/>
        <source>outside the protocol&apos;s vocabulary</source>
        <translation>fuori dal vocabolario del protocollo</translation>
    </message>
    <message>
        <location filename="../ui/inspector/object_inspector.cpp" line="254"/>
        <source>not evaluated under this head (fewer than N negatives or no result)</source>
        <translation>non valutato con questa testa (meno di N negativi o nessun risultato)</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ObjectTableModel</name>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="252"/>
        <source>none</source>
        <translation>nessuno</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="256"/>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="258"/>
        <source>Object</source>
        <translation>Oggetto</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="260"/>
        <source>Positive caption</source>
        <translation>Didascalia positiva</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="262"/>
        <source>Negatives</source>
        <translation>Negativi</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="264"/>
        <source>Attributes</source>
        <translation>Attributi</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="266"/>
        <source>Rank</source>
        <translation>Rango</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="268"/>
        <source>Margin</source>
        <translation>Margine</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="270"/>
        <source>Rank (%1)</source>
        <translation>Rango (%1)</translation>
    </message>
    <message>
        <location filename="../ui/browser/object_table_model.cpp" line="272"/>
        <source>Rank change</source>
        <translation>Variazione di rango</translation>
    </message>
</context>
<context>
    <name>fglens::ui::RunsModel</name>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="110"/>
        <source>running</source>
        <translation>in corso</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="112"/>
        <source>finished</source>
        <translation>terminata</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="114"/>
        <source>failed</source>
        <translation>fallita</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="116"/>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="202"/>
        <source>Run</source>
        <translation>Esecuzione</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="204"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="206"/>
        <source>Head</source>
        <translation>Testa</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="208"/>
        <source>Stage</source>
        <translation>Fase</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="210"/>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="212"/>
        <source>Started</source>
        <translation>Avviata</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="214"/>
        <source>Mean Rank Sum</source>
        <translation>Somma dei ranghi medi</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="216"/>
        <source>COCO i2t R@1</source>
        <translation>COCO i2t R@1</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="218"/>
        <source>Tags</source>
        <translation>Etichette</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_model.cpp" line="220"/>
        <source>Notes</source>
        <translation>Note</translation>
    </message>
</context>
<context>
    <name>fglens::ui::RunsPanel</name>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="44"/>
        <source>Select a run to see its configuration, data identity and metrics.</source>
        <translation>Seleziona un&apos;esecuzione per vederne la configurazione, l&apos;identità dei dati e le metriche.</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="46"/>
        <source>&amp;Compare selected</source>
        <translation>&amp;Confronta selezionate</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="47"/>
        <source>Show the selected runs&apos; ranks and scores in the browser, inspector and charts</source>
        <translation>Mostra ranghi e punteggi delle esecuzioni selezionate nel browser, nell&apos;ispettore e nei grafici</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="48"/>
        <source>&amp;Evaluate into log</source>
        <translation>&amp;Valuta nel registro</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="49"/>
        <source>Evaluate the selected run&apos;s best weights on the project and log the result</source>
        <translation>Valuta i pesi migliori dell&apos;esecuzione selezionata sul progetto e registra il risultato</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="50"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/runs/runs_panel.cpp" line="120"/>
        <source>%n runs selected</source>
        <translation>
            <numerusform>%n esecuzione selezionata</numerusform>
            <numerusform>%n esecuzioni selezionate</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="134"/>
        <source>Run %1: %2
head %3, stage %4, seed %5
started %6, ended %7
program %8 (%9) on %10
</source>
        <translation>Esecuzione %1: %2
testa %3, fase %4, seme %5
avviata %6, terminata %7
programma %8 (%9) su %10
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="138"/>
        <source>(running)</source>
        <translation>(in corso)</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="141"/>
        <source>parent run %1
</source>
        <translation>esecuzione di partenza %1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="143"/>
        <source>weights %1
</source>
        <translation>pesi %1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="145"/>
        <source>error: %1
</source>
        <translation>errore: %1
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="146"/>
        <source>
Configuration:
</source>
        <translation>
Configurazione:
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="147"/>
        <source>
Data identity:
</source>
        <translation>
Identità dei dati:
</translation>
    </message>
    <message>
        <location filename="../ui/runs/runs_panel.cpp" line="148"/>
        <source>
Final metrics:
</source>
        <translation>
Metriche finali:
</translation>
    </message>
</context>
<context>
    <name>fglens::ui::ThumbnailDelegate</name>
    <message>
        <location filename="../ui/browser/thumbnail_delegate.cpp" line="58"/>
        <source>image
missing</source>
        <translation>immagine
mancante</translation>
    </message>
    <message>
        <location filename="../ui/browser/thumbnail_delegate.cpp" line="58"/>
        <source>loading…</source>
        <translation>caricamento…</translation>
    </message>
</context>
<context>
    <name>fglens::ui::TrainingPanel</name>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="57"/>
        <source>Warm-up (COCO captions)</source>
        <translation>Riscaldamento (didascalie COCO)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="58"/>
        <source>Fine-tune (FG-OVD training set)</source>
        <translation>Affinamento (training set FG-OVD)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="60"/>
        <source>Fine-tune starting from this run&apos;s best weights</source>
        <translation>Affinamento a partire dai pesi migliori di questa esecuzione</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="62"/>
        <source>released configs (warm-up lr 5e-5)</source>
        <translation>configurazioni rilasciate (lr riscaldamento 5e-5)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="63"/>
        <source>paper text (warm-up lr 5e-4)</source>
        <translation>testo dell&apos;articolo (lr riscaldamento 5e-4)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="64"/>
        <source>demo project (warm-up lr 1e-3, fine-tune 3e-4)</source>
        <translation>progetto demo (riscaldamento lr 1e-3, affinamento 3e-4)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="81"/>
        <source>normalise text across captions (reference quirk 1)</source>
        <translation>normalizza il testo tra le didascalie (stranezza 1 del riferimento)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="83"/>
        <source>automatic</source>
        <translation>automatico</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="86"/>
        <source>&amp;Head:</source>
        <translation>&amp;Testa:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="87"/>
        <source>&amp;Stage:</source>
        <translation>&amp;Fase:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="88"/>
        <source>&amp;From run:</source>
        <translation>&amp;Dall&apos;esecuzione:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="89"/>
        <source>&amp;Preset:</source>
        <translation>&amp;Preimpostazione:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="90"/>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epoche:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="91"/>
        <source>&amp;Batch size:</source>
        <translation>Dimensione del &amp;batch:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="92"/>
        <source>&amp;Learning rate:</source>
        <translation>Tasso di &amp;apprendimento:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="93"/>
        <source>&amp;Margin:</source>
        <translation>&amp;Margine:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="94"/>
        <source>S&amp;eed:</source>
        <translation>S&amp;eme:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="95"/>
        <source>&amp;Negatives:</source>
        <translation>&amp;Negativi:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="97"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="99"/>
        <source>&amp;Launch</source>
        <translation>&amp;Avvia</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="100"/>
        <location filename="../ui/training/training_panel.cpp" line="304"/>
        <source>Add the run to the queue; it starts when the previous one ends</source>
        <translation>Aggiungi l&apos;esecuzione alla coda; parte al termine della precedente</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="101"/>
        <source>&amp;Cancel run</source>
        <translation>&amp;Annulla esecuzione</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="102"/>
        <source>Res&amp;ume</source>
        <translation>Ri&amp;prendi</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="103"/>
        <source>Continue the cancelled run selected in the runs table (or the last one cancelled here)</source>
        <translation>Riprendi l&apos;esecuzione annullata selezionata nella tabella delle esecuzioni (o l&apos;ultima annullata qui)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="113"/>
        <source>idle</source>
        <translation>inattivo</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="120"/>
        <source>Queued:</source>
        <translation>In coda:</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="127"/>
        <source>Loss</source>
        <translation>Perdita</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="129"/>
        <source>train loss (batches)</source>
        <translation>perdita di addestramento (batch)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="131"/>
        <source>train loss (epoch)</source>
        <translation>perdita di addestramento (epoca)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="134"/>
        <source>validation loss (epoch)</source>
        <translation>perdita di validazione (epoca)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="143"/>
        <source>epoch</source>
        <translation>epoca</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="146"/>
        <source>loss (mean per batch)</source>
        <translation>perdita (media per batch)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="243"/>
        <source>none (fresh initialisation)</source>
        <translation>nessuna (inizializzazione nuova)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="247"/>
        <source>#%1 %2 %3</source>
        <translation>#%1 %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="285"/>
        <source>Queued training run %1</source>
        <translation>Esecuzione di addestramento %1 messa in coda</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="294"/>
        <source>resume of run %1</source>
        <translation>ripresa dell&apos;esecuzione %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="305"/>
        <source>The project has no data for this stage</source>
        <translation>Il progetto non ha dati per questa fase</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="320"/>
        <source>Loss — %1</source>
        <translation>Perdita — %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="322"/>
        <source>starting %1…</source>
        <translation>avvio di %1…</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="346"/>
        <source>epoch %1/%2, batch %3/%4, loss %5</source>
        <translation>epoca %1/%2, batch %3/%4, perdita %5</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="348"/>
        <source> · elapsed %1, about %2 left</source>
        <translation> · trascorsi %1, circa %2 rimanenti</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="363"/>
        <source>Epoch %1: train loss %2, validation loss %3</source>
        <translation>Epoca %1: perdita di addestramento %2, perdita di validazione %3</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="365"/>
        <source>, Mean Rank Sum %1</source>
        <translation>, somma dei ranghi medi %1</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="367"/>
        <source> (best so far)</source>
        <translation> (la migliore finora)</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="375"/>
        <source>run %1 finished in %2</source>
        <translation>esecuzione %1 terminata in %2</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="377"/>
        <source>run %1 cancelled: Resume continues it from its last checkpoint</source>
        <translation>esecuzione %1 annullata: Riprendi la continua dall&apos;ultimo checkpoint</translation>
    </message>
    <message>
        <location filename="../ui/training/training_panel.cpp" line="379"/>
        <source>run failed: %1</source>
        <translation>esecuzione non riuscita: %1</translation>
    </message>
</context>
<context>
    <name>fglens::ui::TrainingQueue</name>
    <message>
        <location filename="../ui/training/training_queue.cpp" line="197"/>
        <source>Training %1</source>
        <translation>Addestramento di %1</translation>
    </message>
</context>
</TS>
