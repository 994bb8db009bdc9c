<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>main</name>
    <message>
        <source>Offsite Studio desktop app</source>
        <translation>Offsite Studio – aplicación de escritorio</translation>
    </message>
    <message>
        <source>a package (.otpkg) to import, or a model folder to inspect</source>
        <translation>un paquete (.otpkg) para importar o una carpeta de modelo para inspeccionar</translation>
    </message>
    <message>
        <source>open the main window, then quit at once</source>
        <translation>abrir la ventana principal y salir de inmediato</translation>
    </message>
    <message>
        <source>choose this data set in the wizard&apos;s data step</source>
        <translation>elegir este conjunto de datos en el paso de datos del asistente</translation>
    </message>
    <message>
        <source>what the data set is: text, prompt_completion, classification or multiple_choice</source>
        <translation>qué es el conjunto de datos: text, prompt_completion, classification o multiple_choice</translation>
    </message>
    <message>
        <source>unknown task &quot;%1&quot;</source>
        <translation>tarea desconocida «%1»</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ChooseDataPage</name>
    <message>
        <source>&amp;Check data</source>
        <translation>&amp;Comprobar datos</translation>
    </message>
    <message>
        <source>First rows of the data set</source>
        <translation>Primeras filas del conjunto de datos</translation>
    </message>
    <message>
        <source>Problems found in the data set</source>
        <translation>Problemas encontrados en el conjunto de datos</translation>
    </message>
    <message>
        <source>Choose your data</source>
        <translation>Elija sus datos</translation>
    </message>
    <message>
        <source>Pick the examples the model should learn from. They are read on this computer and never leave it.</source>
        <translation>Elija los ejemplos de los que debe aprender el modelo. Se leen en este equipo y nunca salen de él.</translation>
    </message>
    <message>
        <source>Data sets already in your workspace</source>
        <translation>Conjuntos de datos que ya están en su espacio de trabajo</translation>
    </message>
    <message>
        <source>A JSONL, CSV, TSV or text file</source>
        <translation>Un archivo JSONL, CSV, TSV o de texto</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Archivo de datos</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Browse for a data file</source>
        <translation>Buscar un archivo de datos</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>Elegir un archivo de datos</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Archivos de datos (*.jsonl *.csv *.tsv *.txt);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Formato de archivo</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>Comma-separated (.csv)</source>
        <translation>Separado por comas (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated (.tsv)</source>
        <translation>Separado por tabulaciones (.tsv)</translation>
    </message>
    <message>
        <source>Plain text, one example per line</source>
        <translation>Texto sin formato, un ejemplo por línea</translation>
    </message>
    <message>
        <source>What the examples teach</source>
        <translation>Qué enseñan los ejemplos</translation>
    </message>
    <message>
        <source>Reads the whole file and lists anything that needs fixing.</source>
        <translation>Lee todo el archivo y enumera todo lo que hay que corregir.</translation>
    </message>
    <message>
        <source>&amp;Earlier data set:</source>
        <translation>Conjunto de datos &amp;anterior:</translation>
    </message>
    <message>
        <source>Data &amp;file:</source>
        <translation>&amp;Archivo de datos:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Tarea:</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Hallazgos</translation>
    </message>
    <message>
        <source>— a new file —</source>
        <translation>— un archivo nuevo —</translation>
    </message>
    <message>
        <source>Choose a data file first.</source>
        <translation>Elija primero un archivo de datos.</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>Leyendo los datos…</translation>
    </message>
    <message>
        <source>This file cannot be used: %1</source>
        <translation>Este archivo no se puede usar: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n usable example(s) of %1 read.</source>
        <translation>
            <numerusform>%n ejemplo utilizable de %1 leídos.</numerusform>
            <numerusform>%n ejemplos utilizables de %1 leídos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows must be fixed before training; see the findings below.</source>
        <translation>Hay que corregir algunas filas antes del entrenamiento; vea los hallazgos más abajo.</translation>
    </message>
    <message>
        <source>Add more examples: at least two are needed.</source>
        <translation>Añada más ejemplos: se necesitan al menos dos.</translation>
    </message>
    <message>
        <source>Could not record the data set: %1</source>
        <translation>No se pudo registrar el conjunto de datos: %1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>No se encontraron problemas.</translation>
    </message>
    <message>
        <source>Nothing blocks training; the findings are worth a look.</source>
        <translation>Nada impide el entrenamiento; conviene revisar los hallazgos.</translation>
    </message>
    <message>
        <source>Use the &amp;demo reviews</source>
        <translation>Usar las reseñas de &amp;demostración</translation>
    </message>
    <message>
        <source>The bundled example data: 4,000 food product reviews, each labelled great or other.</source>
        <translation>Los datos de ejemplo incluidos: 4.000 reseñas de productos alimentarios, cada una etiquetada como «great» u «other».</translation>
    </message>
    <message>
        <source>The demo data are not installed.</source>
        <translation>Los datos de demostración no están instalados.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::DatasetPreviewModel</name>
    <message>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Indicación</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Etiqueta</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexto</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Opciones</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Respuesta correcta</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texto sin formato</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Indicación y respuesta</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Clasificación</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Opción múltiple</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Línea</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problemas</translation>
    </message>
</context>
<context>
    <name>offsite::ui::EvaluatePage</name>
    <message>
        <source>Check the result</source>
        <translation>Comprobar el resultado</translation>
    </message>
    <message>
        <source>How well the model predicts the examples it did not train on. Lower is better.</source>
        <translation>Qué tan bien predice el modelo los ejemplos con los que no se entrenó. Cuanto más bajo, mejor.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured on the emulator.&lt;/b&gt; These numbers come from the compressed stand-in model in the package, not the owner&apos;s full model. The owner measures the final model after adding your adapter.</source>
        <translation>&lt;b&gt;Medido en el emulador.&lt;/b&gt; Estas cifras provienen del modelo sustituto comprimido del paquete, no del modelo completo del propietario. El propietario mide el modelo final después de añadir su adaptador.</translation>
    </message>
    <message>
        <source>Perplexity before training (emulator):</source>
        <translation>Perplejidad antes del entrenamiento (emulador):</translation>
    </message>
    <message>
        <source>Perplexity after training (emulator):</source>
        <translation>Perplejidad después del entrenamiento (emulador):</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Cambio:</translation>
    </message>
    <message>
        <source>There is no held-out data to measure.</source>
        <translation>No hay datos reservados para medir.</translation>
    </message>
    <message>
        <source>Measuring on the emulator…</source>
        <translation>Midiendo en el emulador…</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>No se pudo medir: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Training helped: the emulator predicts your held-out examples better.</source>
        <translation>El entrenamiento ayudó: el emulador predice mejor sus ejemplos reservados.</translation>
    </message>
    <message>
        <source>Training did not improve the emulator&apos;s predictions. Try the Balanced or Thorough preset or add more examples.</source>
        <translation>El entrenamiento no mejoró las predicciones del emulador. Pruebe el ajuste Equilibrado o Exhaustivo, o añada más ejemplos.</translation>
    </message>
    <message>
        <source>&amp;Sample predictions on held-out examples (measured on the emulator)</source>
        <translation>&amp;Predicciones de muestra sobre ejemplos reservados (medidas en el emulador)</translation>
    </message>
    <message>
        <source>Sample predictions of the tuned emulator</source>
        <translation>Predicciones de muestra del emulador ajustado</translation>
    </message>
    <message>
        <source>Held-out examples with the expected answer and the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>Ejemplos reservados con la respuesta esperada y la del emulador ajustado. El modelo final del propietario puede responder de otra forma.</translation>
    </message>
    <message>
        <source>The held-out part of your data has no examples to show.</source>
        <translation>La parte reservada de sus datos no tiene ejemplos que mostrar.</translation>
    </message>
    <message numerus="yes">
        <source>%n held-out example(s) with the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>
            <numerusform>%n ejemplo reservado con la respuesta del emulador ajustado. El modelo final del propietario puede responder de otra forma.</numerusform>
            <numerusform>%n ejemplos reservados con la respuesta del emulador ajustado. El modelo final del propietario puede responder de otra forma.</numerusform>
        </translation>
    </message>
    <message>
        <source>No sample predictions: %1</source>
        <translation>Sin predicciones de muestra: %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ExportPage</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportar</translation>
    </message>
    <message>
        <source>Export the tuned adapter</source>
        <translation>Exportar el adaptador ajustado</translation>
    </message>
    <message>
        <source>This is everything that will leave this computer. Check it, then export.</source>
        <translation>Esto es todo lo que saldrá de este equipo. Revíselo y luego exporte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data are included.&lt;/b&gt; The export holds only the adapter&apos;s numbers listed below. Your examples, their file names and the evaluation stay on this computer.</source>
        <translation>&lt;b&gt;No se incluye ningún dato.&lt;/b&gt; La exportación solo contiene los valores del adaptador que se enumeran abajo. Sus ejemplos, sus nombres de archivo y la evaluación se quedan en este equipo.</translation>
    </message>
    <message>
        <source>Tensors in the export</source>
        <translation>Tensores de la exportación</translation>
    </message>
    <message>
        <source>Where to save the export</source>
        <translation>Dónde guardar la exportación</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>Guardar la exportación</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age)</source>
        <translation>Exportaciones cifradas (*.age)</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>Cifrado para:</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Guardar en:</translation>
    </message>
    <message>
        <source>Ready to export.</source>
        <translation>Listo para exportar.</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Elija dónde guardar la exportación.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>Show the full &amp;listing</source>
        <translation>Mostrar la &amp;lista completa</translation>
    </message>
    <message>
        <source>&amp;Create key…</source>
        <translation>&amp;Crear clave…</translation>
    </message>
    <message>
        <source>The listing written into the export</source>
        <translation>La lista que se escribe en la exportación</translation>
    </message>
    <message>
        <source>Your key pair file (.offsitekey)</source>
        <translation>Su archivo de par de claves (.offsitekey)</translation>
    </message>
    <message>
        <source>Your signing key file</source>
        <translation>Su archivo de clave de firma</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Browse for your signing key file</source>
        <translation>Buscar su archivo de clave de firma</translation>
    </message>
    <message>
        <source>Choose your signing key</source>
        <translation>Elegir su clave de firma</translation>
    </message>
    <message>
        <source>Offsite key pairs (*.offsitekey);;All files (*)</source>
        <translation>Pares de claves de Offsite (*.offsitekey);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Creates a key pair protected by a passphrase; the model owner uses its public half to check that exports come from you.</source>
        <translation>Crea un par de claves protegido por una frase de contraseña; el propietario del modelo usa su mitad pública para comprobar que las exportaciones vienen de usted.</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Archivos:</translation>
    </message>
    <message>
        <source>Si&amp;gned with:</source>
        <translation>Fir&amp;mado con:</translation>
    </message>
    <message>
        <source>Checking what will be exported…</source>
        <translation>Comprobando lo que se exportará…</translation>
    </message>
    <message>
        <source>Nothing can be exported.</source>
        <translation>No se puede exportar nada.</translation>
    </message>
    <message>
        <source>This adapter cannot be exported: %1</source>
        <translation>Este adaptador no se puede exportar: %1</translation>
    </message>
    <message>
        <source>%1 — written with the export (see the full listing)</source>
        <translation>%1 — se escribe con la exportación (vea la lista completa)</translation>
    </message>
    <message>
        <source>%1 — %2, SHA-256 %3</source>
        <translation>%1 — %2, SHA-256 %3</translation>
    </message>
    <message>
        <source>%1, key fingerprint %2 (only the holder of this key can open the export)</source>
        <translation>%1, huella de la clave %2 (solo quien tenga esta clave puede abrir la exportación)</translation>
    </message>
    <message>
        <source>You need a signing key: the model owner checks with it that the export comes from you. Create one, or choose the key file that `offsite keygen --role data-owner` made.</source>
        <translation>Necesita una clave de firma: con ella el propietario del modelo comprueba que la exportación viene de usted. Cree una o elija el archivo de clave que creó `offsite keygen --role data-owner`.</translation>
    </message>
    <message>
        <source>There is no key file at %1. Create a key there, or choose another file.</source>
        <translation>No hay ningún archivo de clave en %1. Cree allí una clave o elija otro archivo.</translation>
    </message>
    <message>
        <source>Exports are signed with this key. The model owner needs its public half, %1, once.</source>
        <translation>Las exportaciones se firman con esta clave. El propietario del modelo necesita una vez su mitad pública, %1.</translation>
    </message>
    <message>
        <source>%1 already exists, and a key is never overwritten. Choose it with Browse, or type another file name.</source>
        <translation>%1 ya existe, y una clave nunca se sobrescribe. Elíjala con Examinar o escriba otro nombre de archivo.</translation>
    </message>
    <message>
        <source>No key was created.</source>
        <translation>No se creó ninguna clave.</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>Creando su clave de firma…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>No se creó la clave: %1</translation>
    </message>
    <message>
        <source>Your signing key was created (fingerprint %1). Send %2 to the model owner, so they can check that exports come from you.</source>
        <translation>Se creó su clave de firma (huella %1). Envíe %2 al propietario del modelo para que pueda comprobar que las exportaciones vienen de usted.</translation>
    </message>
    <message>
        <source>Create or choose your signing key first.</source>
        <translation>Cree o elija primero su clave de firma.</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>No exportado.</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>Cifrando y firmando…</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>La exportación se detuvo; no se escribió nada.</translation>
    </message>
    <message>
        <source>It was not recorded in the workspace: %1</source>
        <translation>No se registró en el espacio de trabajo: %1</translation>
    </message>
    <message>
        <source>Exported to %1, signed in %2. Send both files to the publisher.</source>
        <translation>Exportado a %1, firmado en %2. Envíe ambos archivos al editor.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FindingTableModel</name>
    <message>
        <source>Must fix</source>
        <translation>Hay que corregir</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>Conviene revisar</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>, línea %1</translation>
    </message>
    <message>
        <source>, field “%1”</source>
        <translation>, campo «%1»</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FineTuningWizard</name>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Listo</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ImportPackagePage</name>
    <message>
        <source>&amp;Check package</source>
        <translation>&amp;Comprobar paquete</translation>
    </message>
    <message>
        <source>New publisher</source>
        <translation>Editor nuevo</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and &amp;trust this key</source>
        <translation>He comparado esta huella con el editor y &amp;confío en esta clave</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licencia</translation>
    </message>
    <message>
        <source>I &amp;accept the licence</source>
        <translation>&amp;Acepto la licencia</translation>
    </message>
    <message>
        <source>&amp;Import package</source>
        <translation>&amp;Importar paquete</translation>
    </message>
    <message>
        <source>Import a model package</source>
        <translation>Importar un paquete de modelo</translation>
    </message>
    <message>
        <source>The model&apos;s owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked before anything is unpacked.</source>
        <translation>El propietario del modelo le envía un paquete firmado (.otpkg). Elíjalo o suéltelo aquí; se comprueba antes de descomprimir nada.</translation>
    </message>
    <message>
        <source>Choose a .otpkg file or drop it on this page</source>
        <translation>Elija un archivo .otpkg o suéltelo en esta página</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Archivo del paquete</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Browse for a package file</source>
        <translation>Buscar un archivo de paquete</translation>
    </message>
    <message>
        <source>Choose a model package</source>
        <translation>Elegir un paquete de modelo</translation>
    </message>
    <message>
        <source>Offsite packages (*.otpkg)</source>
        <translation>Paquetes Offsite (*.otpkg)</translation>
    </message>
    <message>
        <source>The publisher&apos;s public key file (.pub)</source>
        <translation>El archivo de clave pública del editor (.pub)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public key file</source>
        <translation>Archivo de clave pública del editor</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>E&amp;xaminar…</translation>
    </message>
    <message>
        <source>Browse for the publisher&apos;s public key file</source>
        <translation>Buscar el archivo de clave pública del editor</translation>
    </message>
    <message>
        <source>Choose the publisher&apos;s public key</source>
        <translation>Elegir la clave pública del editor</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>Claves públicas (*.pub);;Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public &amp;key:</source>
        <translation>&amp;Clave pública del editor:</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>&amp;Paquete:</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you the same fingerprint by phone, in person or another channel you trust.</source>
        <translation>Marque esta casilla solo después de que el editor le haya dado la misma huella por teléfono, en persona o por otro canal de confianza.</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>Texto de la licencia</translation>
    </message>
    <message>
        <source>No workspace is open. Choose a workspace folder in Settings.</source>
        <translation>No hay ningún espacio de trabajo abierto. Elija una carpeta de espacio de trabajo en Configuración.</translation>
    </message>
    <message>
        <source>Choose a package file first.</source>
        <translation>Elija primero un archivo de paquete.</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>Comprobando el paquete…</translation>
    </message>
    <message>
        <source>This package is signed by a publisher you have not trusted yet. Choose the public key file (.pub) the publisher gave you, then check again.</source>
        <translation>Este paquete está firmado por un editor en el que aún no confía. Elija el archivo de clave pública (.pub) que le dio el editor y vuelva a comprobarlo.</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>Se detuvo la comprobación.</translation>
    </message>
    <message>
        <source>Do not use this package. %1</source>
        <translation>No use este paquete. %1</translation>
    </message>
    <message numerus="yes">
        <source>Usable until %1 (%n day(s) left).</source>
        <translation>
            <numerusform>Utilizable hasta el %1 (queda %n día).</numerusform>
            <numerusform>Utilizable hasta el %1 (quedan %n días).</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1”, key fingerprint %2. This is the first package from this key. Ask the publisher to read you the fingerprint and compare it.</source>
        <translation>Editor «%1», huella de la clave %2. Es el primer paquete con esta clave. Pida al editor que le lea la huella y compárela.</translation>
    </message>
    <message>
        <source>The package was not imported: %1</source>
        <translation>El paquete no se importó: %1</translation>
    </message>
    <message>
        <source>Imported. The licence acceptance is recorded in your workspace&apos;s history.</source>
        <translation>Importado. La aceptación de la licencia queda registrada en el historial de su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Changed since the version you imported before</source>
        <translation>Cambios desde la versión que importó antes</translation>
    </message>
    <message>
        <source>The publisher confirmed these changes to me; import any&amp;way</source>
        <translation>El editor me confirmó estos cambios; importar de &amp;todos modos</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>&amp;No importar</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you about these changes by phone, in person or another channel you trust. A changed export key means your exports go to whoever holds the new key.</source>
        <translation>Marque esta casilla solo después de que el editor le haya comunicado estos cambios por teléfono, en persona o por otro canal de confianza. Una clave de exportación distinta significa que sus exportaciones irán a quien tenga la nueva clave.</translation>
    </message>
    <message>
        <source>Leaves your workspace as it is.</source>
        <translation>Deja su espacio de trabajo como está.</translation>
    </message>
    <message>
        <source>The public key file you chose did not sign this package. Ask the publisher for the key that matches this package, then check again.</source>
        <translation>El archivo de clave pública elegido no firmó este paquete. Pida al editor la clave que corresponde a este paquete y vuelva a comprobarlo.</translation>
    </message>
    <message>
        <source>This package is already in your workspace; you can continue with it.</source>
        <translation>Este paquete ya está en su espacio de trabajo; puede continuar con él.</translation>
    </message>
    <message>
        <source>This package differs from what you imported before from this publisher:</source>
        <translation>Este paquete difiere de lo que importó antes de este editor:</translation>
    </message>
    <message>
        <source>Import it only if the publisher told you about these changes. Otherwise choose “Do not import”: nothing in your workspace changes.</source>
        <translation>Impórtelo solo si el editor le comunicó estos cambios. Si no, elija «No importar»: nada cambia en su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Not imported. Nothing in your workspace was changed.</source>
        <translation>No importado. No se cambió nada en su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>Ca&amp;ncelar la importación</translation>
    </message>
    <message>
        <source>Checks the signature, the publisher&apos;s key and the expiry date.</source>
        <translation>Comprueba la firma, la clave del editor y la fecha de caducidad.</translation>
    </message>
    <message>
        <source>Stops the import; nothing in your workspace changes.</source>
        <translation>Detiene la importación; nada cambia en su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progreso de la importación</translation>
    </message>
    <message numerus="yes">
        <source>Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n file(s) is checked against what the publisher signed while it is imported.</source>
        <translation>
            <numerusform>Auténtico: %1 versión %2 de %3, firmado con la clave de huella %4. Su %n archivo se comprueba con lo que firmó el editor durante la importación.</numerusform>
            <numerusform>Auténtico: %1 versión %2 de %3, firmado con la clave de huella %4. Cada uno de sus %n archivos se comprueba con lo que firmó el editor durante la importación.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1” changed its signing key (key set version %2): the new key %3 was authorised by the key you trusted before, %4.</source>
        <translation>El editor «%1» cambió su clave de firma (versión %2 del conjunto de claves): la nueva clave %3 fue autorizada por la clave en la que confiaba antes, %4.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importando…</translation>
    </message>
    <message>
        <source>Checking and unpacking the package…</source>
        <translation>Comprobando y desempaquetando el paquete…</translation>
    </message>
    <message>
        <source>%1 of %2 checked</source>
        <translation>%1 de %2 comprobados</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing in your workspace was changed.</source>
        <translation>Importación cancelada. No se cambió nada en su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Answer the question above to continue the import, or choose “Do not import”.</source>
        <translation>Responda a la pregunta de arriba para continuar la importación o elija «No importar».</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryPage</name>
    <message>
        <source>&amp;Packages</source>
        <translation>&amp;Paquetes</translation>
    </message>
    <message>
        <source>&amp;Data sets</source>
        <translation>&amp;Conjuntos de datos</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Ejecuciones</translation>
    </message>
    <message>
        <source>&amp;Exports</source>
        <translation>E&amp;xportaciones</translation>
    </message>
    <message>
        <source>Models you imported from their owners.</source>
        <translation>Modelos que importó de sus propietarios.</translation>
    </message>
    <message>
        <source>Your data sets; they never leave this computer.</source>
        <translation>Sus conjuntos de datos; nunca salen de este equipo.</translation>
    </message>
    <message>
        <source>Fine-tuning runs; press Enter on a run to see its charts and history.</source>
        <translation>Ejecuciones de ajuste fino; pulse Intro sobre una ejecución para ver sus gráficos y su historial.</translation>
    </message>
    <message>
        <source>Tuned adapters you exported for the model owner.</source>
        <translation>Adaptadores ajustados que exportó para el propietario del modelo.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>&amp;New fine-tuning…</source>
        <translation>&amp;Nuevo ajuste fino…</translation>
    </message>
    <message>
        <source>Import a model package and your data, then fine-tune on this computer.</source>
        <translation>Importe un paquete de modelo y sus datos y luego ajuste el modelo en este equipo.</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>&amp;Reanudar la ejecución</translation>
    </message>
    <message>
        <source>Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Reanuda la ejecución seleccionada, en pausa o interrumpida, desde su punto de control más reciente en el asistente de ajuste.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryTableModel</name>
    <message>
        <source>Plain text</source>
        <translation>Texto sin formato</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Indicación y respuesta</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Clasificación</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Opción múltiple</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Sin iniciar</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelada</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modelo</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importado</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Conjunto de datos</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tarea</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Añadido</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Iniciada</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creado</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Acuses de recibo</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
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
        <translation>Secciones</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Biblioteca</translation>
    </message>
    <message>
        <source>Packages, data sets, runs and exports in your workspace.</source>
        <translation>Paquetes, conjuntos de datos, ejecuciones y exportaciones de su espacio de trabajo.</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Ajuste fino</translation>
    </message>
    <message>
        <source>The step-by-step fine-tuning assistant.</source>
        <translation>El asistente de ajuste fino paso a paso.</translation>
    </message>
    <message>
        <source>Model inspector</source>
        <translation>Inspector de modelos</translation>
    </message>
    <message>
        <source>Look inside a model folder or safetensors file.</source>
        <translation>Ver el contenido de una carpeta de modelo o de un archivo safetensors.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 abierto</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Inspect a model &amp;folder…</source>
        <translation>Inspeccionar una &amp;carpeta de modelo…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Biblioteca</translation>
    </message>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>A&amp;juste fino</translation>
    </message>
    <message>
        <source>Model &amp;inspector</source>
        <translation>&amp;Inspector de modelos</translation>
    </message>
    <message>
        <source>&amp;Refresh library</source>
        <translation>&amp;Actualizar biblioteca</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <source>&amp;About Offsite Studio</source>
        <translation>&amp;Acerca de Offsite Studio</translation>
    </message>
    <message>
        <source>About Offsite Studio</source>
        <translation>Acerca de Offsite Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Fine-tune a model you do not own on data you do not share. Works offline; nothing is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Ajuste un modelo que no es suyo con datos que no comparte. Funciona sin conexión; no se envía nada a ningún sitio.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not create the workspace folder %1. Choose another folder in Settings.</source>
        <translation>No se pudo crear la carpeta del espacio de trabajo %1. Elija otra carpeta en Configuración.</translation>
    </message>
    <message>
        <source>Could not open the workspace: %1</source>
        <translation>No se pudo abrir el espacio de trabajo: %1</translation>
    </message>
    <message>
        <source>Workspace %1 is ready.</source>
        <translation>El espacio de trabajo %1 está listo.</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>No se pudo leer la biblioteca: %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>No se pudo abrir la ejecución: %1</translation>
    </message>
    <message>
        <source>Inspect a model folder</source>
        <translation>Inspeccionar una carpeta de modelo</translation>
    </message>
    <message>
        <source>Training is paused and its checkpoint saved; closing.</source>
        <translation>El entrenamiento está en pausa y su punto de control guardado; cerrando.</translation>
    </message>
    <message>
        <source>Pausing the training run and saving a checkpoint before closing… Resume it later from the library.</source>
        <translation>Pausando el entrenamiento y guardando un punto de control antes de cerrar… Reanúdelo más tarde desde la biblioteca.</translation>
    </message>
    <message>
        <source>A run is training already; pause or finish it before resuming another.</source>
        <translation>Ya hay un entrenamiento en curso; páuselo o termínelo antes de reanudar otro.</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>Reanudando la ejecución %1…</translation>
    </message>
    <message>
        <source>A run is training in this workspace; pause it before switching workspaces.</source>
        <translation>Hay un entrenamiento en curso en este espacio de trabajo; páuselo antes de cambiar de espacio de trabajo.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::Metric</name>
    <message>
        <source>Training loss</source>
        <translation>Pérdida de entrenamiento</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Pérdida de validación</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>Tokens por segundo</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Memoria (MiB)</translation>
    </message>
    <message>
        <source>GPU memory (MiB)</source>
        <translation>Memoria de la GPU (MiB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>Uso de la GPU (%)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricChart</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>Mostrar como &amp;tabla</translation>
    </message>
    <message>
        <source>Training metrics table</source>
        <translation>Tabla de métricas de entrenamiento</translation>
    </message>
    <message>
        <source>Every charted point: metric, step and value.</source>
        <translation>Cada punto de los gráficos: métrica, paso y valor.</translation>
    </message>
    <message>
        <source>Show the metrics as a table</source>
        <translation>Mostrar las métricas como tabla</translation>
    </message>
    <message>
        <source>Switches between the charts and a table of the same numbers.</source>
        <translation>Alterna entre los gráficos y una tabla con los mismos números.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Pérdida</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Speed (tokens per second)</source>
        <translation>Velocidad (tokens por segundo)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Chart; the same numbers are in the metrics table.</source>
        <translation>Gráfico; los mismos números están en la tabla de métricas.</translation>
    </message>
    <message>
        <source>Show as &amp;charts</source>
        <translation>Mostrar como &amp;gráficos</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Memoria (MB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>Uso de la GPU (%)</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>Esta aplicación</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>Memoria (GB)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Paso</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ModelInspector</name>
    <message>
        <source>Open a model folder or a .safetensors file to see what it contains.</source>
        <translation>Abra una carpeta de modelo o un archivo .safetensors para ver su contenido.</translation>
    </message>
    <message>
        <source>Problem with the model</source>
        <translation>Problema con el modelo</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>Filtrar tensores por nombre</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>Filtrar tensores</translation>
    </message>
    <message>
        <source>Tensors of the model</source>
        <translation>Tensores del modelo</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Este modelo no se puede usar: %1</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters, %3</source>
        <translation>%1 tensores, %2 parámetros, %3</translation>
    </message>
    <message>
        <source>%1 model with %2 blocks (hidden size %3, vocabulary %4). %5</source>
        <translation>Modelo %1 con %2 bloques (tamaño oculto %3, vocabulario %4). %5</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>La configuración no se puede usar: %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::PassphraseDialog</name>
    <message>
        <source>Create your signing key</source>
        <translation>Crear su clave de firma</translation>
    </message>
    <message>
        <source>Open your signing key</source>
        <translation>Abrir su clave de firma</translation>
    </message>
    <message>
        <source>Choose a passphrase for your new signing key (%1). It protects the key on this computer; nobody can recover it if you forget it.</source>
        <translation>Elija una frase de contraseña para su nueva clave de firma (%1). Protege la clave en este equipo; nadie puede recuperarla si la olvida.</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (%1).</source>
        <translation>Introduzca la frase de contraseña de su clave de firma (%1).</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Frase de contraseña de nuevo</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <source>A key needs a passphrase.</source>
        <translation>Una clave necesita una frase de contraseña.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>Las frases de contraseña coinciden.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::RunDetailPage</name>
    <message>
        <source>%1  Run created</source>
        <translation>%1  Ejecución creada</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>%1  Checkpoint saved at step %2</source>
        <translation>%1  Punto de control guardado en el paso %2</translation>
    </message>
    <message>
        <source>%1  Evaluated</source>
        <translation>%1  Evaluada</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Historial de la ejecución</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Biblioteca</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Volver a la biblioteca</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historial</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Continues this run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Reanuda esta ejecución desde su punto de control más reciente en el asistente de ajuste.</translation>
    </message>
    <message>
        <source>%1  Exported, encrypted for the model owner</source>
        <translation>%1  Exportado, cifrado para el propietario del modelo</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SamplePredictionModel</name>
    <message>
        <source>(nothing generated)</source>
        <translation>(no se generó nada)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Ejemplo</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Indicación</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>Etiqueta correcta</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>Respuesta esperada</translation>
    </message>
    <message>
        <source>Predicted label (emulator)</source>
        <translation>Etiqueta predicha (emulador)</translation>
    </message>
    <message>
        <source>Generated (emulator)</source>
        <translation>Generado (emulador)</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>Igual</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Carpeta del espacio de trabajo</translation>
    </message>
    <message>
        <source>Where packages, data sets, runs and exports are kept on this computer.</source>
        <translation>Dónde se guardan en este equipo los paquetes, conjuntos de datos, ejecuciones y exportaciones.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>Elegir la carpeta del espacio de trabajo</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>Dispositivo de cálculo</translation>
    </message>
    <message>
        <source>Automatic (graphics card when available)</source>
        <translation>Automático (tarjeta gráfica si está disponible)</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>Solo procesador (CPU)</translation>
    </message>
    <message>
        <source>NVIDIA graphics card (CUDA)</source>
        <translation>Tarjeta gráfica NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>Carpeta del espacio de &amp;trabajo:</translation>
    </message>
    <message>
        <source>&amp;Compute device:</source>
        <translation>&amp;Dispositivo de cálculo:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>Light and dark appearance follow your system. A new language applies the next time Offsite Studio starts.</source>
        <translation>La apariencia clara u oscura sigue a su sistema. Un idioma nuevo se aplica la próxima vez que se inicie Offsite Studio.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TensorTableModel</name>
    <message>
        <source>scalar</source>
        <translation>escalar</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forma</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parámetros</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>&amp;Iniciar entrenamiento</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausa</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reanudar</translation>
    </message>
    <message>
        <source>Stop and s&amp;ave</source>
        <translation>Detener y &amp;guardar</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>&amp;Cancelar entrenamiento</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entrenar</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progreso del entrenamiento</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Paso %v de %m</translation>
    </message>
    <message>
        <source>Saves a checkpoint at the next step; Resume continues exactly there.</source>
        <translation>Guarda un punto de control en el siguiente paso; Reanudar continúa exactamente ahí.</translation>
    </message>
    <message>
        <source>Ends training at the next step and keeps the adapter trained so far.</source>
        <translation>Termina el entrenamiento en el siguiente paso y conserva el adaptador entrenado hasta entonces.</translation>
    </message>
    <message>
        <source>Stops at the next step; nothing of this run is kept.</source>
        <translation>Se detiene en el siguiente paso; no se conserva nada de esta ejecución.</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train for %n step(s).</source>
        <translation>
            <numerusform>Listo para entrenar %n paso.</numerusform>
            <numerusform>Listo para entrenar %n pasos.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a package and choose data first.</source>
        <translation>Importe primero un paquete y elija los datos.</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>No se pudo iniciar: %1</translation>
    </message>
    <message>
        <source>Preparing your data…</source>
        <translation>Preparando sus datos…</translation>
    </message>
    <message>
        <source>Stopping at the next step and saving the adapter…</source>
        <translation>Deteniendo en el siguiente paso y guardando el adaptador…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entrenando…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>Quedan unos %1</translation>
    </message>
    <message>
        <source>Training was cancelled. You can start again.</source>
        <translation>El entrenamiento se canceló. Puede empezar de nuevo.</translation>
    </message>
    <message>
        <source>Cancelling at the next step…</source>
        <translation>Cancelando en el siguiente paso…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n step(s); the adapter so far is saved.</source>
        <translation>
            <numerusform>Detenido tras %n paso; el adaptador obtenido hasta ahora está guardado.</numerusform>
            <numerusform>Detenido tras %n pasos; el adaptador obtenido hasta ahora está guardado.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s).</source>
        <translation>
            <numerusform>%n paso completado.</numerusform>
            <numerusform>%n pasos completados.</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation loss %1.</source>
        <translation>Pérdida de validación %1.</translation>
    </message>
    <message>
        <source>Training stopped with a problem: %1</source>
        <translation>El entrenamiento se detuvo por un problema: %1</translation>
    </message>
    <message>
        <source>The adapter learns from your data on this computer. You can keep using the app meanwhile; closing it pauses training, and the library resumes it later.</source>
        <translation>El adaptador aprende de sus datos en este ordenador. Puede seguir usando la aplicación mientras tanto; al cerrarla, el entrenamiento se pausa y la biblioteca lo reanuda más tarde.</translation>
    </message>
    <message>
        <source>Resuming from the newest checkpoint…</source>
        <translation>Reanudando desde el punto de control más reciente…</translation>
    </message>
    <message>
        <source>Resumed run %1; continuing from its newest checkpoint…</source>
        <translation>Ejecución %1 reanudada; continúa desde su punto de control más reciente…</translation>
    </message>
    <message>
        <source>Pausing at the next step and saving a checkpoint…</source>
        <translation>Pausando en el siguiente paso y guardando un punto de control…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>No se pudo cancelar: %1</translation>
    </message>
    <message>
        <source>Paused after step %1. Resume continues exactly where training stopped; the checkpoint is saved in the workspace.</source>
        <translation>En pausa tras el paso %1. Reanudar continúa exactamente donde se detuvo el entrenamiento; el punto de control está guardado en el espacio de trabajo.</translation>
    </message>
    <message>
        <source>Training was cancelled at step %1; no adapter was saved. You can start again.</source>
        <translation>El entrenamiento se canceló en el paso %1; no se guardó ningún adaptador. Puede empezar de nuevo.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU monitor: showing this app&apos;s memory (%1).</source>
        <translation>Sin monitor de GPU NVIDIA: se muestra la memoria de esta aplicación (%1).</translation>
    </message>
    <message>
        <source>GPU memory and utilisation of %1, from NVIDIA&apos;s driver.</source>
        <translation>Memoria y uso de la GPU %1, según el controlador de NVIDIA.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainingSettingsPage</name>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Avanzado</translation>
    </message>
    <message>
        <source>Use the &amp;suggested batch size</source>
        <translation>Usar el tamaño de lote &amp;sugerido</translation>
    </message>
    <message>
        <source>Choose how thoroughly to train</source>
        <translation>Elija cuánto entrenar</translation>
    </message>
    <message>
        <source>Start with a preset. Longer training usually fits your data better but takes more time.</source>
        <translation>Empiece con un ajuste predefinido. Un entrenamiento más largo suele adaptarse mejor a sus datos, pero tarda más.</translation>
    </message>
    <message>
        <source>&amp;Quick</source>
        <translation>&amp;Rápido</translation>
    </message>
    <message>
        <source>A short run to see that everything works (minutes).</source>
        <translation>Una ejecución corta para ver que todo funciona (minutos).</translation>
    </message>
    <message>
        <source>&amp;Balanced</source>
        <translation>&amp;Equilibrado</translation>
    </message>
    <message>
        <source>A good first result for most data sets.</source>
        <translation>Un buen primer resultado para la mayoría de los conjuntos de datos.</translation>
    </message>
    <message>
        <source>T&amp;horough</source>
        <translation>E&amp;xhaustivo</translation>
    </message>
    <message>
        <source>The most training; best with a few thousand examples or more.</source>
        <translation>El mayor entrenamiento; ideal con unos miles de ejemplos o más.</translation>
    </message>
    <message>
        <source>Change the numbers behind the preset.</source>
        <translation>Cambiar los valores del ajuste predefinido.</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>Pasos de entrenamiento</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Tasa de aprendizaje</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Tamaño de lote</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>Tokens por ejemplo</translation>
    </message>
    <message>
        <source>Training s&amp;teps:</source>
        <translation>&amp;Pasos de entrenamiento:</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>Tasa de &amp;aprendizaje:</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>Tamaño de &amp;lote:</translation>
    </message>
    <message>
        <source>Tokens per e&amp;xample:</source>
        <translation>Tokens por e&amp;jemplo:</translation>
    </message>
    <message>
        <source>Will it fit?</source>
        <translation>¿Cabrá?</translation>
    </message>
    <message>
        <source>Processor (CPU): %1 of memory free.</source>
        <translation>Procesador (CPU): %1 de memoria libre.</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>una cantidad desconocida</translation>
    </message>
    <message>
        <source>The memory check needs the imported package.</source>
        <translation>La comprobación de memoria necesita el paquete importado.</translation>
    </message>
    <message>
        <source>This run needs about %1 (model %2, training state %3, working memory %4).</source>
        <translation>Esta ejecución necesita unos %1 (modelo %2, estado de entrenamiento %3, memoria de trabajo %4).</translation>
    </message>
    <message>
        <source>Free memory is unknown.</source>
        <translation>Se desconoce la memoria libre.</translation>
    </message>
    <message>
        <source>It fits in the %1 free.</source>
        <translation>Cabe en los %1 libres.</translation>
    </message>
    <message>
        <source>That is more than the %1 free. A batch size of %2 fits.</source>
        <translation>Es más que los %1 libres. Cabe un tamaño de lote de %2.</translation>
    </message>
    <message>
        <source>That is more than the %1 free, even with a batch size of 1. Use fewer tokens per example or a device with more memory.</source>
        <translation>Es más que los %1 libres, incluso con un tamaño de lote de 1. Use menos tokens por ejemplo o un dispositivo con más memoria.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2); training runs on it.</source>
        <translation>Tarjeta gráfica encontrada (%1 libres de %2); el entrenamiento se ejecuta en ella.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2), but this build cannot train on it; training runs on the processor.</source>
        <translation>Tarjeta gráfica encontrada (%1 libres de %2), pero esta compilación no puede entrenar en ella; el entrenamiento se ejecuta en el procesador.</translation>
    </message>
</context>
</TS>
