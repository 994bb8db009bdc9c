<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>main</name>
    <message>
        <source>Offsite Studio desktop app</source>
        <translation>Offsite Studio – Desktop-Anwendung</translation>
    </message>
    <message>
        <source>a package (.otpkg) to import, or a model folder to inspect</source>
        <translation>ein zu importierendes Paket (.otpkg) oder ein zu untersuchender Modellordner</translation>
    </message>
    <message>
        <source>open the main window, then quit at once</source>
        <translation>das Hauptfenster öffnen und sofort wieder beenden</translation>
    </message>
    <message>
        <source>choose this data set in the wizard&apos;s data step</source>
        <translation>diesen Datensatz im Datenschritt des Assistenten auswählen</translation>
    </message>
    <message>
        <source>what the data set is: text, prompt_completion, classification or multiple_choice</source>
        <translation>was der Datensatz enthält: text, prompt_completion, classification oder multiple_choice</translation>
    </message>
    <message>
        <source>unknown task &quot;%1&quot;</source>
        <translation>unbekannte Aufgabe „%1“</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ChooseDataPage</name>
    <message>
        <source>&amp;Check data</source>
        <translation>Daten &amp;prüfen</translation>
    </message>
    <message>
        <source>First rows of the data set</source>
        <translation>Erste Zeilen des Datensatzes</translation>
    </message>
    <message>
        <source>Problems found in the data set</source>
        <translation>Im Datensatz gefundene Probleme</translation>
    </message>
    <message>
        <source>Choose your data</source>
        <translation>Daten auswählen</translation>
    </message>
    <message>
        <source>Pick the examples the model should learn from. They are read on this computer and never leave it.</source>
        <translation>Wählen Sie die Beispiele, aus denen das Modell lernen soll. Sie werden auf diesem Computer gelesen und verlassen ihn nie.</translation>
    </message>
    <message>
        <source>Data sets already in your workspace</source>
        <translation>Datensätze, die bereits in Ihrem Arbeitsbereich sind</translation>
    </message>
    <message>
        <source>A JSONL, CSV, TSV or text file</source>
        <translation>Eine JSONL-, CSV-, TSV- oder Textdatei</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Datendatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for a data file</source>
        <translation>Nach einer Datendatei suchen</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>Datendatei auswählen</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Datendateien (*.jsonl *.csv *.tsv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Dateiformat</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>Comma-separated (.csv)</source>
        <translation>Kommagetrennt (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated (.tsv)</source>
        <translation>Tabulatorgetrennt (.tsv)</translation>
    </message>
    <message>
        <source>Plain text, one example per line</source>
        <translation>Reiner Text, ein Beispiel pro Zeile</translation>
    </message>
    <message>
        <source>What the examples teach</source>
        <translation>Was die Beispiele vermitteln</translation>
    </message>
    <message>
        <source>Reads the whole file and lists anything that needs fixing.</source>
        <translation>Liest die ganze Datei und listet alles auf, was korrigiert werden muss.</translation>
    </message>
    <message>
        <source>&amp;Earlier data set:</source>
        <translation>&amp;Früherer Datensatz:</translation>
    </message>
    <message>
        <source>Data &amp;file:</source>
        <translation>Daten&amp;datei:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Aufgabe:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vorschau</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Befunde</translation>
    </message>
    <message>
        <source>— a new file —</source>
        <translation>— eine neue Datei —</translation>
    </message>
    <message>
        <source>Choose a data file first.</source>
        <translation>Wählen Sie zuerst eine Datendatei.</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>Daten werden gelesen…</translation>
    </message>
    <message>
        <source>This file cannot be used: %1</source>
        <translation>Diese Datei kann nicht verwendet werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n usable example(s) of %1 read.</source>
        <translation>
            <numerusform>%n verwendbares Beispiel von %1 gelesenen.</numerusform>
            <numerusform>%n verwendbare Beispiele von %1 gelesenen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows must be fixed before training; see the findings below.</source>
        <translation>Einige Zeilen müssen vor dem Training korrigiert werden; siehe die Befunde unten.</translation>
    </message>
    <message>
        <source>Add more examples: at least two are needed.</source>
        <translation>Fügen Sie weitere Beispiele hinzu: Es werden mindestens zwei benötigt.</translation>
    </message>
    <message>
        <source>Could not record the data set: %1</source>
        <translation>Der Datensatz konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Keine Probleme gefunden.</translation>
    </message>
    <message>
        <source>Nothing blocks training; the findings are worth a look.</source>
        <translation>Nichts verhindert das Training; ein Blick auf die Befunde lohnt sich.</translation>
    </message>
    <message>
        <source>Use the &amp;demo reviews</source>
        <translation>&amp;Demo-Bewertungen verwenden</translation>
    </message>
    <message>
        <source>The bundled example data: 4,000 food product reviews, each labelled great or other.</source>
        <translation>Die mitgelieferten Beispieldaten: 4.000 Bewertungen von Lebensmitteln, jeweils als „great“ oder „other“ gekennzeichnet.</translation>
    </message>
    <message>
        <source>The demo data are not installed.</source>
        <translation>Die Demodaten sind nicht installiert.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::DatasetPreviewModel</name>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Vervollständigung</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Kontext</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Antwortmöglichkeiten</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Eingabe und Vervollständigung</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Multiple Choice</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
</context>
<context>
    <name>offsite::ui::EvaluatePage</name>
    <message>
        <source>Check the result</source>
        <translation>Ergebnis prüfen</translation>
    </message>
    <message>
        <source>How well the model predicts the examples it did not train on. Lower is better.</source>
        <translation>Wie gut das Modell die Beispiele vorhersagt, mit denen es nicht trainiert wurde. Niedriger ist besser.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured on the emulator.&lt;/b&gt; These numbers come from the compressed stand-in model in the package, not the owner&apos;s full model. The owner measures the final model after adding your adapter.</source>
        <translation>&lt;b&gt;Auf dem Emulator gemessen.&lt;/b&gt; Diese Werte stammen vom komprimierten Ersatzmodell im Paket, nicht vom vollständigen Modell des Eigentümers. Der Eigentümer misst das endgültige Modell, nachdem er Ihren Adapter eingefügt hat.</translation>
    </message>
    <message>
        <source>Perplexity before training (emulator):</source>
        <translation>Perplexität vor dem Training (Emulator):</translation>
    </message>
    <message>
        <source>Perplexity after training (emulator):</source>
        <translation>Perplexität nach dem Training (Emulator):</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Veränderung:</translation>
    </message>
    <message>
        <source>There is no held-out data to measure.</source>
        <translation>Es gibt keine zurückgehaltenen Daten zum Messen.</translation>
    </message>
    <message>
        <source>Measuring on the emulator…</source>
        <translation>Messung auf dem Emulator…</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>Messung nicht möglich: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Training helped: the emulator predicts your held-out examples better.</source>
        <translation>Das Training hat geholfen: Der Emulator sagt Ihre zurückgehaltenen Beispiele besser vorher.</translation>
    </message>
    <message>
        <source>Training did not improve the emulator&apos;s predictions. Try the Balanced or Thorough preset or add more examples.</source>
        <translation>Das Training hat die Vorhersagen des Emulators nicht verbessert. Versuchen Sie die Voreinstellung „Ausgewogen“ oder „Gründlich“ oder fügen Sie weitere Beispiele hinzu.</translation>
    </message>
    <message>
        <source>&amp;Sample predictions on held-out examples (measured on the emulator)</source>
        <translation>&amp;Beispielvorhersagen für zurückgehaltene Beispiele (auf dem Emulator gemessen)</translation>
    </message>
    <message>
        <source>Sample predictions of the tuned emulator</source>
        <translation>Beispielvorhersagen des angepassten Emulators</translation>
    </message>
    <message>
        <source>Held-out examples with the expected answer and the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>Zurückgehaltene Beispiele mit der erwarteten Antwort und der Antwort des angepassten Emulators. Das endgültige Modell des Eigentümers kann anders antworten.</translation>
    </message>
    <message>
        <source>The held-out part of your data has no examples to show.</source>
        <translation>Der zurückgehaltene Teil Ihrer Daten enthält keine Beispiele zum Anzeigen.</translation>
    </message>
    <message numerus="yes">
        <source>%n held-out example(s) with the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>
            <numerusform>%n zurückgehaltenes Beispiel mit der Antwort des angepassten Emulators. Das endgültige Modell des Eigentümers kann anders antworten.</numerusform>
            <numerusform>%n zurückgehaltene Beispiele mit der Antwort des angepassten Emulators. Das endgültige Modell des Eigentümers kann anders antworten.</numerusform>
        </translation>
    </message>
    <message>
        <source>No sample predictions: %1</source>
        <translation>Keine Beispielvorhersagen: %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ExportPage</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>Export the tuned adapter</source>
        <translation>Angepassten Adapter exportieren</translation>
    </message>
    <message>
        <source>This is everything that will leave this computer. Check it, then export.</source>
        <translation>Das ist alles, was diesen Computer verlassen wird. Prüfen Sie es und exportieren Sie dann.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data are included.&lt;/b&gt; The export holds only the adapter&apos;s numbers listed below. Your examples, their file names and the evaluation stay on this computer.</source>
        <translation>&lt;b&gt;Es sind keine Daten enthalten.&lt;/b&gt; Der Export enthält nur die unten aufgeführten Zahlen des Adapters. Ihre Beispiele, deren Dateinamen und die Auswertung bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>Tensors in the export</source>
        <translation>Tensoren im Export</translation>
    </message>
    <message>
        <source>Where to save the export</source>
        <translation>Speicherort des Exports</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>Export speichern</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age)</source>
        <translation>Verschlüsselte Exporte (*.age)</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>Verschlüsselt für:</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Speichern unter:</translation>
    </message>
    <message>
        <source>Ready to export.</source>
        <translation>Bereit zum Exportieren.</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Wählen Sie, wo der Export gespeichert werden soll.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>Der Export ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Show the full &amp;listing</source>
        <translation>Vollständige &amp;Liste anzeigen</translation>
    </message>
    <message>
        <source>&amp;Create key…</source>
        <translation>Schlüssel er&amp;zeugen…</translation>
    </message>
    <message>
        <source>The listing written into the export</source>
        <translation>Die Liste, die in den Export geschrieben wird</translation>
    </message>
    <message>
        <source>Your key pair file (.offsitekey)</source>
        <translation>Ihre Schlüsselpaardatei (.offsitekey)</translation>
    </message>
    <message>
        <source>Your signing key file</source>
        <translation>Ihre Signaturschlüsseldatei</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Du&amp;rchsuchen…</translation>
    </message>
    <message>
        <source>Browse for your signing key file</source>
        <translation>Nach Ihrer Signaturschlüsseldatei suchen</translation>
    </message>
    <message>
        <source>Choose your signing key</source>
        <translation>Signaturschlüssel wählen</translation>
    </message>
    <message>
        <source>Offsite key pairs (*.offsitekey);;All files (*)</source>
        <translation>Offsite-Schlüsselpaare (*.offsitekey);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Creates a key pair protected by a passphrase; the model owner uses its public half to check that exports come from you.</source>
        <translation>Erstellt ein durch eine Passphrase geschütztes Schlüsselpaar; der Modelleigentümer prüft mit dessen öffentlicher Hälfte, dass Exporte von Ihnen stammen.</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Dateien:</translation>
    </message>
    <message>
        <source>Si&amp;gned with:</source>
        <translation>Si&amp;gniert mit:</translation>
    </message>
    <message>
        <source>Checking what will be exported…</source>
        <translation>Prüfe, was exportiert wird…</translation>
    </message>
    <message>
        <source>Nothing can be exported.</source>
        <translation>Es kann nichts exportiert werden.</translation>
    </message>
    <message>
        <source>This adapter cannot be exported: %1</source>
        <translation>Dieser Adapter kann nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>%1 — written with the export (see the full listing)</source>
        <translation>%1 — wird mit dem Export geschrieben (siehe vollständige Liste)</translation>
    </message>
    <message>
        <source>%1 — %2, SHA-256 %3</source>
        <translation>%1 — %2, SHA-256 %3</translation>
    </message>
    <message>
        <source>%1, key fingerprint %2 (only the holder of this key can open the export)</source>
        <translation>%1, Schlüssel-Fingerabdruck %2 (nur der Inhaber dieses Schlüssels kann den Export öffnen)</translation>
    </message>
    <message>
        <source>You need a signing key: the model owner checks with it that the export comes from you. Create one, or choose the key file that `offsite keygen --role data-owner` made.</source>
        <translation>Sie brauchen einen Signaturschlüssel: Damit prüft der Modelleigentümer, dass der Export von Ihnen stammt. Erstellen Sie einen oder wählen Sie die Schlüsseldatei, die `offsite keygen --role data-owner` erzeugt hat.</translation>
    </message>
    <message>
        <source>There is no key file at %1. Create a key there, or choose another file.</source>
        <translation>Unter %1 gibt es keine Schlüsseldatei. Erstellen Sie dort einen Schlüssel oder wählen Sie eine andere Datei.</translation>
    </message>
    <message>
        <source>Exports are signed with this key. The model owner needs its public half, %1, once.</source>
        <translation>Exporte werden mit diesem Schlüssel signiert. Der Modelleigentümer braucht einmal dessen öffentliche Hälfte, %1.</translation>
    </message>
    <message>
        <source>%1 already exists, and a key is never overwritten. Choose it with Browse, or type another file name.</source>
        <translation>%1 existiert bereits, und ein Schlüssel wird nie überschrieben. Wählen Sie ihn mit „Durchsuchen“ oder geben Sie einen anderen Dateinamen ein.</translation>
    </message>
    <message>
        <source>No key was created.</source>
        <translation>Es wurde kein Schlüssel erstellt.</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>Signaturschlüssel wird erstellt…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>Der Schlüssel wurde nicht erstellt: %1</translation>
    </message>
    <message>
        <source>Your signing key was created (fingerprint %1). Send %2 to the model owner, so they can check that exports come from you.</source>
        <translation>Ihr Signaturschlüssel wurde erstellt (Fingerabdruck %1). Senden Sie %2 an den Modelleigentümer, damit er prüfen kann, dass Exporte von Ihnen stammen.</translation>
    </message>
    <message>
        <source>Create or choose your signing key first.</source>
        <translation>Erstellen oder wählen Sie zuerst Ihren Signaturschlüssel.</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>Nicht exportiert.</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>Verschlüsseln und signieren…</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>It was not recorded in the workspace: %1</source>
        <translation>Er wurde nicht im Arbeitsbereich vermerkt: %1</translation>
    </message>
    <message>
        <source>Exported to %1, signed in %2. Send both files to the publisher.</source>
        <translation>Exportiert nach %1, signiert in %2. Senden Sie beide Dateien an den Herausgeber.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FindingTableModel</name>
    <message>
        <source>Must fix</source>
        <translation>Muss korrigiert werden</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>Einen Blick wert</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>, Zeile %1</translation>
    </message>
    <message>
        <source>, field “%1”</source>
        <translation>, Feld „%1“</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Fundstelle</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FineTuningWizard</name>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fertig</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ImportPackagePage</name>
    <message>
        <source>&amp;Check package</source>
        <translation>Paket &amp;prüfen</translation>
    </message>
    <message>
        <source>New publisher</source>
        <translation>Neuer Herausgeber</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and &amp;trust this key</source>
        <translation>Ich habe diesen Fingerabdruck mit dem Herausgeber verglichen und &amp;vertraue diesem Schlüssel</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Lizenz</translation>
    </message>
    <message>
        <source>I &amp;accept the licence</source>
        <translation>Ich &amp;akzeptiere die Lizenz</translation>
    </message>
    <message>
        <source>&amp;Import package</source>
        <translation>Paket &amp;importieren</translation>
    </message>
    <message>
        <source>Import a model package</source>
        <translation>Modellpaket importieren</translation>
    </message>
    <message>
        <source>The model&apos;s owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked before anything is unpacked.</source>
        <translation>Der Eigentümer des Modells schickt Ihnen ein signiertes Paket (.otpkg). Wählen Sie es aus oder ziehen Sie es hierher; es wird geprüft, bevor etwas entpackt wird.</translation>
    </message>
    <message>
        <source>Choose a .otpkg file or drop it on this page</source>
        <translation>Wählen Sie eine .otpkg-Datei oder ziehen Sie sie auf diese Seite</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Paketdatei</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Browse for a package file</source>
        <translation>Nach einer Paketdatei suchen</translation>
    </message>
    <message>
        <source>Choose a model package</source>
        <translation>Modellpaket auswählen</translation>
    </message>
    <message>
        <source>Offsite packages (*.otpkg)</source>
        <translation>Offsite-Pakete (*.otpkg)</translation>
    </message>
    <message>
        <source>The publisher&apos;s public key file (.pub)</source>
        <translation>Die öffentliche Schlüsseldatei des Herausgebers (.pub)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public key file</source>
        <translation>Öffentliche Schlüsseldatei des Herausgebers</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>D&amp;urchsuchen…</translation>
    </message>
    <message>
        <source>Browse for the publisher&apos;s public key file</source>
        <translation>Nach der öffentlichen Schlüsseldatei des Herausgebers suchen</translation>
    </message>
    <message>
        <source>Choose the publisher&apos;s public key</source>
        <translation>Öffentlichen Schlüssel des Herausgebers auswählen</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>Öffentliche Schlüssel (*.pub);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public &amp;key:</source>
        <translation>Öffentlicher &amp;Schlüssel des Herausgebers:</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>&amp;Paket:</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you the same fingerprint by phone, in person or another channel you trust.</source>
        <translation>Setzen Sie dieses Häkchen erst, wenn Ihnen der Herausgeber denselben Fingerabdruck telefonisch, persönlich oder über einen anderen vertrauenswürdigen Weg genannt hat.</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>Lizenztext</translation>
    </message>
    <message>
        <source>No workspace is open. Choose a workspace folder in Settings.</source>
        <translation>Es ist kein Arbeitsbereich geöffnet. Wählen Sie in den Einstellungen einen Arbeitsbereichsordner.</translation>
    </message>
    <message>
        <source>Choose a package file first.</source>
        <translation>Wählen Sie zuerst eine Paketdatei.</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>Paket wird geprüft…</translation>
    </message>
    <message>
        <source>This package is signed by a publisher you have not trusted yet. Choose the public key file (.pub) the publisher gave you, then check again.</source>
        <translation>Dieses Paket ist von einem Herausgeber signiert, dem Sie noch nicht vertrauen. Wählen Sie die öffentliche Schlüsseldatei (.pub), die Ihnen der Herausgeber gegeben hat, und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>Die Prüfung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Do not use this package. %1</source>
        <translation>Verwenden Sie dieses Paket nicht. %1</translation>
    </message>
    <message numerus="yes">
        <source>Usable until %1 (%n day(s) left).</source>
        <translation>
            <numerusform>Verwendbar bis %1 (noch %n Tag).</numerusform>
            <numerusform>Verwendbar bis %1 (noch %n Tage).</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1”, key fingerprint %2. This is the first package from this key. Ask the publisher to read you the fingerprint and compare it.</source>
        <translation>Herausgeber „%1“, Schlüssel-Fingerabdruck %2. Dies ist das erste Paket mit diesem Schlüssel. Bitten Sie den Herausgeber, Ihnen den Fingerabdruck vorzulesen, und vergleichen Sie ihn.</translation>
    </message>
    <message>
        <source>The package was not imported: %1</source>
        <translation>Das Paket wurde nicht importiert: %1</translation>
    </message>
    <message>
        <source>Imported. The licence acceptance is recorded in your workspace&apos;s history.</source>
        <translation>Importiert. Die Annahme der Lizenz ist im Verlauf Ihres Arbeitsbereichs vermerkt.</translation>
    </message>
    <message>
        <source>Changed since the version you imported before</source>
        <translation>Geändert seit der Version, die Sie zuvor importiert haben</translation>
    </message>
    <message>
        <source>The publisher confirmed these changes to me; import any&amp;way</source>
        <translation>Der Herausgeber hat mir diese Änderungen bestätigt; tr&amp;otzdem importieren</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>&amp;Nicht importieren</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you about these changes by phone, in person or another channel you trust. A changed export key means your exports go to whoever holds the new key.</source>
        <translation>Setzen Sie das Häkchen erst, wenn Ihnen der Herausgeber diese Änderungen telefonisch, persönlich oder über einen anderen vertrauenswürdigen Weg mitgeteilt hat. Ein geänderter Exportschlüssel bedeutet, dass Ihre Exporte an den Inhaber des neuen Schlüssels gehen.</translation>
    </message>
    <message>
        <source>Leaves your workspace as it is.</source>
        <translation>Lässt Ihren Arbeitsbereich unverändert.</translation>
    </message>
    <message>
        <source>The public key file you chose did not sign this package. Ask the publisher for the key that matches this package, then check again.</source>
        <translation>Die gewählte öffentliche Schlüsseldatei hat dieses Paket nicht signiert. Bitten Sie den Herausgeber um den passenden Schlüssel und prüfen Sie erneut.</translation>
    </message>
    <message>
        <source>This package is already in your workspace; you can continue with it.</source>
        <translation>Dieses Paket ist bereits in Ihrem Arbeitsbereich; Sie können damit weitermachen.</translation>
    </message>
    <message>
        <source>This package differs from what you imported before from this publisher:</source>
        <translation>Dieses Paket unterscheidet sich von dem, was Sie zuvor von diesem Herausgeber importiert haben:</translation>
    </message>
    <message>
        <source>Import it only if the publisher told you about these changes. Otherwise choose “Do not import”: nothing in your workspace changes.</source>
        <translation>Importieren Sie es nur, wenn Ihnen der Herausgeber diese Änderungen mitgeteilt hat. Andernfalls wählen Sie „Nicht importieren“: In Ihrem Arbeitsbereich ändert sich nichts.</translation>
    </message>
    <message>
        <source>Not imported. Nothing in your workspace was changed.</source>
        <translation>Nicht importiert. In Ihrem Arbeitsbereich wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>Import a&amp;bbrechen</translation>
    </message>
    <message>
        <source>Checks the signature, the publisher&apos;s key and the expiry date.</source>
        <translation>Prüft die Signatur, den Schlüssel des Herausgebers und das Ablaufdatum.</translation>
    </message>
    <message>
        <source>Stops the import; nothing in your workspace changes.</source>
        <translation>Beendet den Import; in Ihrem Arbeitsbereich ändert sich nichts.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message numerus="yes">
        <source>Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n file(s) is checked against what the publisher signed while it is imported.</source>
        <translation>
            <numerusform>Echt: %1 Version %2 von %3, signiert mit dem Schlüssel mit Fingerabdruck %4. Seine %n Datei wird beim Import mit dem verglichen, was der Herausgeber signiert hat.</numerusform>
            <numerusform>Echt: %1 Version %2 von %3, signiert mit dem Schlüssel mit Fingerabdruck %4. Jede seiner %n Dateien wird beim Import mit dem verglichen, was der Herausgeber signiert hat.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1” changed its signing key (key set version %2): the new key %3 was authorised by the key you trusted before, %4.</source>
        <translation>Der Herausgeber „%1“ hat seinen Signaturschlüssel gewechselt (Schlüsselsatz Version %2): Der neue Schlüssel %3 wurde von dem Schlüssel autorisiert, dem Sie zuvor vertraut haben, %4.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Import läuft…</translation>
    </message>
    <message>
        <source>Checking and unpacking the package…</source>
        <translation>Paket wird geprüft und entpackt…</translation>
    </message>
    <message>
        <source>%1 of %2 checked</source>
        <translation>%1 von %2 geprüft</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing in your workspace was changed.</source>
        <translation>Import abgebrochen. In Ihrem Arbeitsbereich wurde nichts geändert.</translation>
    </message>
    <message>
        <source>Answer the question above to continue the import, or choose “Do not import”.</source>
        <translation>Beantworten Sie die Frage oben, um den Import fortzusetzen, oder wählen Sie „Nicht importieren“.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryPage</name>
    <message>
        <source>&amp;Packages</source>
        <translation>&amp;Pakete</translation>
    </message>
    <message>
        <source>&amp;Data sets</source>
        <translation>&amp;Datensätze</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Läufe</translation>
    </message>
    <message>
        <source>&amp;Exports</source>
        <translation>&amp;Exporte</translation>
    </message>
    <message>
        <source>Models you imported from their owners.</source>
        <translation>Modelle, die Sie von ihren Eigentümern importiert haben.</translation>
    </message>
    <message>
        <source>Your data sets; they never leave this computer.</source>
        <translation>Ihre Datensätze; sie verlassen diesen Computer nie.</translation>
    </message>
    <message>
        <source>Fine-tuning runs; press Enter on a run to see its charts and history.</source>
        <translation>Feinabstimmungsläufe; drücken Sie die Eingabetaste auf einem Lauf, um seine Diagramme und seinen Verlauf zu sehen.</translation>
    </message>
    <message>
        <source>Tuned adapters you exported for the model owner.</source>
        <translation>Angepasste Adapter, die Sie für den Modelleigentümer exportiert haben.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>&amp;New fine-tuning…</source>
        <translation>&amp;Neue Feinabstimmung…</translation>
    </message>
    <message>
        <source>Import a model package and your data, then fine-tune on this computer.</source>
        <translation>Importieren Sie ein Modellpaket und Ihre Daten und stimmen Sie das Modell dann auf diesem Computer fein ab.</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>Lauf &amp;fortsetzen</translation>
    </message>
    <message>
        <source>Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Setzt den ausgewählten pausierten oder unterbrochenen Lauf im Feinabstimmungs-Assistenten ab seinem neuesten Prüfpunkt fort.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryTableModel</name>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Eingabe und Vervollständigung</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Klassifikation</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Multiple Choice</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Nicht gestartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Herausgeber</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importiert</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Empfangsbestätigungen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MainWindow</name>
    <message>
        <source>Offsite Studio</source>
        <translation>Offsite Studio</translation>
    </message>
    <message>
        <source>Sections</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Packages, data sets, runs and exports in your workspace.</source>
        <translation>Pakete, Datensätze, Läufe und Exporte in Ihrem Arbeitsbereich.</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Feinabstimmen</translation>
    </message>
    <message>
        <source>The step-by-step fine-tuning assistant.</source>
        <translation>Der Schritt-für-Schritt-Assistent für die Feinabstimmung.</translation>
    </message>
    <message>
        <source>Model inspector</source>
        <translation>Modellinspektor</translation>
    </message>
    <message>
        <source>Look inside a model folder or safetensors file.</source>
        <translation>Einen Blick in einen Modellordner oder eine safetensors-Datei werfen.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>Inspect a model &amp;folder…</source>
        <translation>Modell&amp;ordner untersuchen…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothek</translation>
    </message>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>&amp;Feinabstimmen</translation>
    </message>
    <message>
        <source>Model &amp;inspector</source>
        <translation>Modell&amp;inspektor</translation>
    </message>
    <message>
        <source>&amp;Refresh library</source>
        <translation>Bibliothek &amp;aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Offsite Studio</source>
        <translation>Ü&amp;ber Offsite Studio</translation>
    </message>
    <message>
        <source>About Offsite Studio</source>
        <translation>Über Offsite Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Fine-tune a model you do not own on data you do not share. Works offline; nothing is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Stimmen Sie ein Modell, das Ihnen nicht gehört, mit Daten fein ab, die Sie nicht teilen. Funktioniert offline; nichts wird irgendwohin gesendet.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not create the workspace folder %1. Choose another folder in Settings.</source>
        <translation>Der Arbeitsbereichsordner %1 konnte nicht angelegt werden. Wählen Sie in den Einstellungen einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Could not open the workspace: %1</source>
        <translation>Der Arbeitsbereich konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Workspace %1 is ready.</source>
        <translation>Arbeitsbereich %1 ist bereit.</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>Die Bibliothek konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>Der Lauf konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>Inspect a model folder</source>
        <translation>Modellordner untersuchen</translation>
    </message>
    <message>
        <source>Training is paused and its checkpoint saved; closing.</source>
        <translation>Das Training ist pausiert und sein Prüfpunkt gespeichert; wird geschlossen.</translation>
    </message>
    <message>
        <source>Pausing the training run and saving a checkpoint before closing… Resume it later from the library.</source>
        <translation>Das Training wird vor dem Schließen pausiert und ein Prüfpunkt gespeichert … Setzen Sie es später in der Bibliothek fort.</translation>
    </message>
    <message>
        <source>A run is training already; pause or finish it before resuming another.</source>
        <translation>Es läuft bereits ein Training; pausieren oder beenden Sie es, bevor Sie ein anderes fortsetzen.</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>Lauf %1 wird fortgesetzt …</translation>
    </message>
    <message>
        <source>A run is training in this workspace; pause it before switching workspaces.</source>
        <translation>In diesem Arbeitsbereich läuft ein Training; pausieren Sie es, bevor Sie den Arbeitsbereich wechseln.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::Metric</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Validierungsverlust</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>Tokens pro Sekunde</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Speicher (MiB)</translation>
    </message>
    <message>
        <source>GPU memory (MiB)</source>
        <translation>GPU-Speicher (MiB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU-Auslastung (%)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricChart</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>Als &amp;Tabelle anzeigen</translation>
    </message>
    <message>
        <source>Training metrics table</source>
        <translation>Tabelle der Trainingsmesswerte</translation>
    </message>
    <message>
        <source>Every charted point: metric, step and value.</source>
        <translation>Jeder Punkt der Diagramme: Messgröße, Schritt und Wert.</translation>
    </message>
    <message>
        <source>Show the metrics as a table</source>
        <translation>Messwerte als Tabelle anzeigen</translation>
    </message>
    <message>
        <source>Switches between the charts and a table of the same numbers.</source>
        <translation>Wechselt zwischen den Diagrammen und einer Tabelle mit denselben Zahlen.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Speed (tokens per second)</source>
        <translation>Geschwindigkeit (Tokens pro Sekunde)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Chart; the same numbers are in the metrics table.</source>
        <translation>Diagramm; dieselben Zahlen stehen in der Messwerttabelle.</translation>
    </message>
    <message>
        <source>Show as &amp;charts</source>
        <translation>Als &amp;Diagramme anzeigen</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Speicher (MB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU-Auslastung (%)</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>Diese App</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>Speicher (GB)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>Messgröße</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ModelInspector</name>
    <message>
        <source>Open a model folder or a .safetensors file to see what it contains.</source>
        <translation>Öffnen Sie einen Modellordner oder eine .safetensors-Datei, um ihren Inhalt zu sehen.</translation>
    </message>
    <message>
        <source>Problem with the model</source>
        <translation>Problem mit dem Modell</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>Tensoren nach Namen filtern</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>Tensoren filtern</translation>
    </message>
    <message>
        <source>Tensors of the model</source>
        <translation>Tensoren des Modells</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Dieses Modell kann nicht verwendet werden: %1</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters, %3</source>
        <translation>%1 Tensoren, %2 Parameter, %3</translation>
    </message>
    <message>
        <source>%1 model with %2 blocks (hidden size %3, vocabulary %4). %5</source>
        <translation>%1-Modell mit %2 Blöcken (verborgene Größe %3, Vokabular %4). %5</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>Die Konfiguration kann nicht verwendet werden: %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::PassphraseDialog</name>
    <message>
        <source>Create your signing key</source>
        <translation>Signaturschlüssel erstellen</translation>
    </message>
    <message>
        <source>Open your signing key</source>
        <translation>Signaturschlüssel öffnen</translation>
    </message>
    <message>
        <source>Choose a passphrase for your new signing key (%1). It protects the key on this computer; nobody can recover it if you forget it.</source>
        <translation>Wählen Sie eine Passphrase für Ihren neuen Signaturschlüssel (%1). Sie schützt den Schlüssel auf diesem Computer; niemand kann sie wiederherstellen, wenn Sie sie vergessen.</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (%1).</source>
        <translation>Geben Sie die Passphrase Ihres Signaturschlüssels ein (%1).</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Passphrase wiederholen</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Wiederholen:</translation>
    </message>
    <message>
        <source>A key needs a passphrase.</source>
        <translation>Ein Schlüssel braucht eine Passphrase.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Die beiden Passphrasen unterscheiden sich.</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>Die Passphrasen stimmen überein.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::RunDetailPage</name>
    <message>
        <source>%1  Run created</source>
        <translation>%1  Lauf angelegt</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>%1  Checkpoint saved at step %2</source>
        <translation>%1  Prüfpunkt bei Schritt %2 gespeichert</translation>
    </message>
    <message>
        <source>%1  Evaluated</source>
        <translation>%1  Ausgewertet</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Verlauf des Laufs</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothek</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Zurück zur Bibliothek</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Verlauf</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continues this run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Setzt diesen Lauf im Feinabstimmungs-Assistenten ab seinem neuesten Prüfpunkt fort.</translation>
    </message>
    <message>
        <source>%1  Exported, encrypted for the model owner</source>
        <translation>%1  Exportiert, verschlüsselt für den Modelleigentümer</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SamplePredictionModel</name>
    <message>
        <source>(nothing generated)</source>
        <translation>(nichts erzeugt)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Beispiel</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>Richtige Kategorie</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>Erwartete Fortsetzung</translation>
    </message>
    <message>
        <source>Predicted label (emulator)</source>
        <translation>Vorhergesagte Kategorie (Emulator)</translation>
    </message>
    <message>
        <source>Generated (emulator)</source>
        <translation>Erzeugt (Emulator)</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>Gleich</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Arbeitsbereichsordner</translation>
    </message>
    <message>
        <source>Where packages, data sets, runs and exports are kept on this computer.</source>
        <translation>Wo Pakete, Datensätze, Läufe und Exporte auf diesem Computer aufbewahrt werden.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>Arbeitsbereichsordner auswählen</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>Rechengerät</translation>
    </message>
    <message>
        <source>Automatic (graphics card when available)</source>
        <translation>Automatisch (Grafikkarte, falls vorhanden)</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>Nur Prozessor (CPU)</translation>
    </message>
    <message>
        <source>NVIDIA graphics card (CUDA)</source>
        <translation>NVIDIA-Grafikkarte (CUDA)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>&amp;Arbeitsbereichsordner:</translation>
    </message>
    <message>
        <source>&amp;Compute device:</source>
        <translation>&amp;Rechengerät:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Light and dark appearance follow your system. A new language applies the next time Offsite Studio starts.</source>
        <translation>Helles und dunkles Erscheinungsbild richten sich nach Ihrem System. Eine neue Sprache gilt ab dem nächsten Start von Offsite Studio.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TensorTableModel</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n Sekunde</numerusform>
            <numerusform>%n Sekunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 Std. %2 Min.</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>Training &amp;starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Stop and s&amp;ave</source>
        <translation>Beenden und s&amp;peichern</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>Training &amp;abbrechen</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Trainingsfortschritt</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Saves a checkpoint at the next step; Resume continues exactly there.</source>
        <translation>Speichert beim nächsten Schritt einen Prüfpunkt; „Fortsetzen“ macht genau dort weiter.</translation>
    </message>
    <message>
        <source>Ends training at the next step and keeps the adapter trained so far.</source>
        <translation>Beendet das Training beim nächsten Schritt und behält den bis dahin trainierten Adapter.</translation>
    </message>
    <message>
        <source>Stops at the next step; nothing of this run is kept.</source>
        <translation>Hält beim nächsten Schritt an; von diesem Lauf wird nichts behalten.</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train for %n step(s).</source>
        <translation>
            <numerusform>Bereit für %n Trainingsschritt.</numerusform>
            <numerusform>Bereit für %n Trainingsschritte.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a package and choose data first.</source>
        <translation>Importieren Sie zuerst ein Paket und wählen Sie Daten aus.</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>Preparing your data…</source>
        <translation>Ihre Daten werden vorbereitet…</translation>
    </message>
    <message>
        <source>Stopping at the next step and saving the adapter…</source>
        <translation>Beenden beim nächsten Schritt und Speichern des Adapters…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Training läuft…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>Noch etwa %1</translation>
    </message>
    <message>
        <source>Training was cancelled. You can start again.</source>
        <translation>Das Training wurde abgebrochen. Sie können erneut beginnen.</translation>
    </message>
    <message>
        <source>Cancelling at the next step…</source>
        <translation>Abbruch beim nächsten Schritt…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n step(s); the adapter so far is saved.</source>
        <translation>
            <numerusform>Nach %n Schritt beendet; der bisherige Adapter ist gespeichert.</numerusform>
            <numerusform>Nach %n Schritten beendet; der bisherige Adapter ist gespeichert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s).</source>
        <translation>
            <numerusform>%n Schritt abgeschlossen.</numerusform>
            <numerusform>%n Schritte abgeschlossen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation loss %1.</source>
        <translation>Validierungsverlust %1.</translation>
    </message>
    <message>
        <source>Training stopped with a problem: %1</source>
        <translation>Das Training wurde wegen eines Problems beendet: %1</translation>
    </message>
    <message>
        <source>The adapter learns from your data on this computer. You can keep using the app meanwhile; closing it pauses training, and the library resumes it later.</source>
        <translation>Der Adapter lernt auf diesem Computer aus Ihren Daten. Sie können die App währenddessen weiter verwenden; beim Schließen wird das Training pausiert, und die Bibliothek setzt es später fort.</translation>
    </message>
    <message>
        <source>Resuming from the newest checkpoint…</source>
        <translation>Fortsetzen ab dem neuesten Prüfpunkt …</translation>
    </message>
    <message>
        <source>Resumed run %1; continuing from its newest checkpoint…</source>
        <translation>Lauf %1 fortgesetzt; es geht ab seinem neuesten Prüfpunkt weiter …</translation>
    </message>
    <message>
        <source>Pausing at the next step and saving a checkpoint…</source>
        <translation>Pausiert beim nächsten Schritt und speichert einen Prüfpunkt …</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen …</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>Abbrechen nicht möglich: %1</translation>
    </message>
    <message>
        <source>Paused after step %1. Resume continues exactly where training stopped; the checkpoint is saved in the workspace.</source>
        <translation>Nach Schritt %1 pausiert. Fortsetzen macht genau dort weiter, wo das Training stehen blieb; der Prüfpunkt ist im Arbeitsbereich gespeichert.</translation>
    </message>
    <message>
        <source>Training was cancelled at step %1; no adapter was saved. You can start again.</source>
        <translation>Das Training wurde bei Schritt %1 abgebrochen; es wurde kein Adapter gespeichert. Sie können neu beginnen.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU monitor: showing this app&apos;s memory (%1).</source>
        <translation>Keine NVIDIA-GPU-Überwachung: Angezeigt wird der Speicher dieser App (%1).</translation>
    </message>
    <message>
        <source>GPU memory and utilisation of %1, from NVIDIA&apos;s driver.</source>
        <translation>GPU-Speicher und -Auslastung von %1, vom NVIDIA-Treiber.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainingSettingsPage</name>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Use the &amp;suggested batch size</source>
        <translation>&amp;Vorgeschlagene Batchgröße verwenden</translation>
    </message>
    <message>
        <source>Choose how thoroughly to train</source>
        <translation>Trainingsumfang wählen</translation>
    </message>
    <message>
        <source>Start with a preset. Longer training usually fits your data better but takes more time.</source>
        <translation>Beginnen Sie mit einer Voreinstellung. Längeres Training passt meist besser zu Ihren Daten, dauert aber länger.</translation>
    </message>
    <message>
        <source>&amp;Quick</source>
        <translation>&amp;Schnell</translation>
    </message>
    <message>
        <source>A short run to see that everything works (minutes).</source>
        <translation>Ein kurzer Lauf, um zu sehen, dass alles funktioniert (Minuten).</translation>
    </message>
    <message>
        <source>&amp;Balanced</source>
        <translation>&amp;Ausgewogen</translation>
    </message>
    <message>
        <source>A good first result for most data sets.</source>
        <translation>Ein gutes erstes Ergebnis für die meisten Datensätze.</translation>
    </message>
    <message>
        <source>T&amp;horough</source>
        <translation>&amp;Gründlich</translation>
    </message>
    <message>
        <source>The most training; best with a few thousand examples or more.</source>
        <translation>Das meiste Training; am besten ab einigen tausend Beispielen.</translation>
    </message>
    <message>
        <source>Change the numbers behind the preset.</source>
        <translation>Die Werte hinter der Voreinstellung ändern.</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>Trainingsschritte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>Tokens pro Beispiel</translation>
    </message>
    <message>
        <source>Training s&amp;teps:</source>
        <translation>Trainings&amp;schritte:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Lernrate:</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>Batch&amp;größe:</translation>
    </message>
    <message>
        <source>Tokens per e&amp;xample:</source>
        <translation>Tokens pro &amp;Beispiel:</translation>
    </message>
    <message>
        <source>Will it fit?</source>
        <translation>Passt es?</translation>
    </message>
    <message>
        <source>Processor (CPU): %1 of memory free.</source>
        <translation>Prozessor (CPU): %1 Speicher frei.</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>eine unbekannte Menge</translation>
    </message>
    <message>
        <source>The memory check needs the imported package.</source>
        <translation>Die Speicherprüfung benötigt das importierte Paket.</translation>
    </message>
    <message>
        <source>This run needs about %1 (model %2, training state %3, working memory %4).</source>
        <translation>Dieser Lauf benötigt etwa %1 (Modell %2, Trainingszustand %3, Arbeitsspeicher %4).</translation>
    </message>
    <message>
        <source>Free memory is unknown.</source>
        <translation>Der freie Speicher ist unbekannt.</translation>
    </message>
    <message>
        <source>It fits in the %1 free.</source>
        <translation>Es passt in die freien %1.</translation>
    </message>
    <message>
        <source>That is more than the %1 free. A batch size of %2 fits.</source>
        <translation>Das ist mehr als die freien %1. Eine Batchgröße von %2 passt.</translation>
    </message>
    <message>
        <source>That is more than the %1 free, even with a batch size of 1. Use fewer tokens per example or a device with more memory.</source>
        <translation>Das ist selbst mit einer Batchgröße von 1 mehr als die freien %1. Verwenden Sie weniger Tokens pro Beispiel oder ein Gerät mit mehr Speicher.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2); training runs on it.</source>
        <translation>Grafikkarte gefunden (%1 von %2 frei); das Training läuft darauf.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2), but this build cannot train on it; training runs on the processor.</source>
        <translation>Grafikkarte gefunden (%1 von %2 frei), aber dieser Build kann nicht darauf trainieren; das Training läuft auf dem Prozessor.</translation>
    </message>
</context>
</TS>
