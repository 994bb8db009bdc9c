<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>main</name>
    <message>
        <source>Offsite Studio desktop app</source>
        <translation>Offsite Studio – application de bureau</translation>
    </message>
    <message>
        <source>a package (.otpkg) to import, or a model folder to inspect</source>
        <translation>un paquet (.otpkg) à importer ou un dossier de modèle à inspecter</translation>
    </message>
    <message>
        <source>open the main window, then quit at once</source>
        <translation>ouvrir la fenêtre principale, puis quitter aussitôt</translation>
    </message>
    <message>
        <source>choose this data set in the wizard&apos;s data step</source>
        <translation>choisir ce jeu de données à l&apos;étape des données de l&apos;assistant</translation>
    </message>
    <message>
        <source>what the data set is: text, prompt_completion, classification or multiple_choice</source>
        <translation>nature du jeu de données : text, prompt_completion, classification ou multiple_choice</translation>
    </message>
    <message>
        <source>unknown task &quot;%1&quot;</source>
        <translation>tâche inconnue « %1 »</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ChooseDataPage</name>
    <message>
        <source>&amp;Check data</source>
        <translation>&amp;Vérifier les données</translation>
    </message>
    <message>
        <source>First rows of the data set</source>
        <translation>Premières lignes du jeu de données</translation>
    </message>
    <message>
        <source>Problems found in the data set</source>
        <translation>Problèmes trouvés dans le jeu de données</translation>
    </message>
    <message>
        <source>Choose your data</source>
        <translation>Choisissez vos données</translation>
    </message>
    <message>
        <source>Pick the examples the model should learn from. They are read on this computer and never leave it.</source>
        <translation>Choisissez les exemples dont le modèle doit apprendre. Ils sont lus sur cet ordinateur et ne le quittent jamais.</translation>
    </message>
    <message>
        <source>Data sets already in your workspace</source>
        <translation>Jeux de données déjà présents dans votre espace de travail</translation>
    </message>
    <message>
        <source>A JSONL, CSV, TSV or text file</source>
        <translation>Un fichier JSONL, CSV, TSV ou texte</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>Fichier de données</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Browse for a data file</source>
        <translation>Rechercher un fichier de données</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>Choisir un fichier de données</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)</source>
        <translation>Fichiers de données (*.jsonl *.csv *.tsv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>Format de fichier</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>Comma-separated (.csv)</source>
        <translation>Séparé par des virgules (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated (.tsv)</source>
        <translation>Séparé par des tabulations (.tsv)</translation>
    </message>
    <message>
        <source>Plain text, one example per line</source>
        <translation>Texte brut, un exemple par ligne</translation>
    </message>
    <message>
        <source>What the examples teach</source>
        <translation>Ce que les exemples enseignent</translation>
    </message>
    <message>
        <source>Reads the whole file and lists anything that needs fixing.</source>
        <translation>Lit tout le fichier et liste tout ce qui doit être corrigé.</translation>
    </message>
    <message>
        <source>&amp;Earlier data set:</source>
        <translation>Jeu de données &amp;précédent :</translation>
    </message>
    <message>
        <source>Data &amp;file:</source>
        <translation>&amp;Fichier de données :</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat :</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>&amp;Tâche :</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Aperçu</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>&amp;Constats</translation>
    </message>
    <message>
        <source>— a new file —</source>
        <translation>— un nouveau fichier —</translation>
    </message>
    <message>
        <source>Choose a data file first.</source>
        <translation>Choisissez d’abord un fichier de données.</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>Lecture des données…</translation>
    </message>
    <message>
        <source>This file cannot be used: %1</source>
        <translation>Ce fichier ne peut pas être utilisé : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n usable example(s) of %1 read.</source>
        <translation>
            <numerusform>%n exemple utilisable sur %1 lus.</numerusform>
            <numerusform>%n exemples utilisables sur %1 lus.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows must be fixed before training; see the findings below.</source>
        <translation>Certaines lignes doivent être corrigées avant l’entraînement ; voir les constats ci-dessous.</translation>
    </message>
    <message>
        <source>Add more examples: at least two are needed.</source>
        <translation>Ajoutez des exemples : il en faut au moins deux.</translation>
    </message>
    <message>
        <source>Could not record the data set: %1</source>
        <translation>Impossible d’enregistrer le jeu de données : %1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>Aucun problème trouvé.</translation>
    </message>
    <message>
        <source>Nothing blocks training; the findings are worth a look.</source>
        <translation>Rien n’empêche l’entraînement ; les constats méritent un coup d’œil.</translation>
    </message>
    <message>
        <source>Use the &amp;demo reviews</source>
        <translation>Utiliser les avis de &amp;démonstration</translation>
    </message>
    <message>
        <source>The bundled example data: 4,000 food product reviews, each labelled great or other.</source>
        <translation>Les données d’exemple fournies : 4 000 avis sur des produits alimentaires, chacun étiqueté « great » ou « other ».</translation>
    </message>
    <message>
        <source>The demo data are not installed.</source>
        <translation>Les données de démonstration ne sont pas installées.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::DatasetPreviewModel</name>
    <message>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Invite</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>Complétion</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Contexte</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Choix</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Invite et complétion</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Choix multiple</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
</context>
<context>
    <name>offsite::ui::EvaluatePage</name>
    <message>
        <source>Check the result</source>
        <translation>Vérifier le résultat</translation>
    </message>
    <message>
        <source>How well the model predicts the examples it did not train on. Lower is better.</source>
        <translation>Dans quelle mesure le modèle prédit les exemples sur lesquels il ne s’est pas entraîné. Plus c’est bas, mieux c’est.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured on the emulator.&lt;/b&gt; These numbers come from the compressed stand-in model in the package, not the owner&apos;s full model. The owner measures the final model after adding your adapter.</source>
        <translation>&lt;b&gt;Mesuré sur l’émulateur.&lt;/b&gt; Ces valeurs proviennent du modèle de substitution compressé du paquet, pas du modèle complet du propriétaire. Le propriétaire mesure le modèle final après y avoir ajouté votre adaptateur.</translation>
    </message>
    <message>
        <source>Perplexity before training (emulator):</source>
        <translation>Perplexité avant l’entraînement (émulateur) :</translation>
    </message>
    <message>
        <source>Perplexity after training (emulator):</source>
        <translation>Perplexité après l’entraînement (émulateur) :</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>Variation :</translation>
    </message>
    <message>
        <source>There is no held-out data to measure.</source>
        <translation>Il n’y a pas de données réservées à mesurer.</translation>
    </message>
    <message>
        <source>Measuring on the emulator…</source>
        <translation>Mesure sur l’émulateur…</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>Mesure impossible : %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Training helped: the emulator predicts your held-out examples better.</source>
        <translation>L’entraînement a aidé : l’émulateur prédit mieux vos exemples réservés.</translation>
    </message>
    <message>
        <source>Training did not improve the emulator&apos;s predictions. Try the Balanced or Thorough preset or add more examples.</source>
        <translation>L’entraînement n’a pas amélioré les prédictions de l’émulateur. Essayez le préréglage Équilibré ou Approfondi, ou ajoutez des exemples.</translation>
    </message>
    <message>
        <source>&amp;Sample predictions on held-out examples (measured on the emulator)</source>
        <translation>&amp;Exemples de prédictions sur des exemples réservés (mesurés sur l’émulateur)</translation>
    </message>
    <message>
        <source>Sample predictions of the tuned emulator</source>
        <translation>Exemples de prédictions de l’émulateur ajusté</translation>
    </message>
    <message>
        <source>Held-out examples with the expected answer and the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>Exemples réservés avec la réponse attendue et celle de l’émulateur ajusté. Le modèle final du propriétaire peut répondre différemment.</translation>
    </message>
    <message>
        <source>The held-out part of your data has no examples to show.</source>
        <translation>La partie réservée de vos données ne contient aucun exemple à afficher.</translation>
    </message>
    <message numerus="yes">
        <source>%n held-out example(s) with the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>
            <numerusform>%n exemple réservé avec la réponse de l’émulateur ajusté. Le modèle final du propriétaire peut répondre différemment.</numerusform>
            <numerusform>%n exemples réservés avec la réponse de l’émulateur ajusté. Le modèle final du propriétaire peut répondre différemment.</numerusform>
        </translation>
    </message>
    <message>
        <source>No sample predictions: %1</source>
        <translation>Aucun exemple de prédiction : %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ExportPage</name>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Export the tuned adapter</source>
        <translation>Exporter l’adaptateur ajusté</translation>
    </message>
    <message>
        <source>This is everything that will leave this computer. Check it, then export.</source>
        <translation>Voici tout ce qui quittera cet ordinateur. Vérifiez-le, puis exportez.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data are included.&lt;/b&gt; The export holds only the adapter&apos;s numbers listed below. Your examples, their file names and the evaluation stay on this computer.</source>
        <translation>&lt;b&gt;Aucune donnée n’est incluse.&lt;/b&gt; L’export ne contient que les valeurs de l’adaptateur listées ci-dessous. Vos exemples, leurs noms de fichier et l’évaluation restent sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Tensors in the export</source>
        <translation>Tenseurs de l’export</translation>
    </message>
    <message>
        <source>Where to save the export</source>
        <translation>Emplacement de l’export</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>Enregistrer l’export</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age)</source>
        <translation>Exports chiffrés (*.age)</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>Chiffré pour :</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>&amp;Enregistrer dans :</translation>
    </message>
    <message>
        <source>Ready to export.</source>
        <translation>Prêt à exporter.</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>Choisissez où enregistrer l’export.</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>L’export a échoué : %1</translation>
    </message>
    <message>
        <source>Show the full &amp;listing</source>
        <translation>Afficher la &amp;liste complète</translation>
    </message>
    <message>
        <source>&amp;Create key…</source>
        <translation>&amp;Créer une clé…</translation>
    </message>
    <message>
        <source>The listing written into the export</source>
        <translation>La liste écrite dans l’export</translation>
    </message>
    <message>
        <source>Your key pair file (.offsitekey)</source>
        <translation>Votre fichier de paire de clés (.offsitekey)</translation>
    </message>
    <message>
        <source>Your signing key file</source>
        <translation>Votre fichier de clé de signature</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>Parc&amp;ourir…</translation>
    </message>
    <message>
        <source>Browse for your signing key file</source>
        <translation>Rechercher votre fichier de clé de signature</translation>
    </message>
    <message>
        <source>Choose your signing key</source>
        <translation>Choisir votre clé de signature</translation>
    </message>
    <message>
        <source>Offsite key pairs (*.offsitekey);;All files (*)</source>
        <translation>Paires de clés Offsite (*.offsitekey);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Creates a key pair protected by a passphrase; the model owner uses its public half to check that exports come from you.</source>
        <translation>Crée une paire de clés protégée par une phrase secrète ; le propriétaire du modèle utilise sa moitié publique pour vérifier que les exports viennent de vous.</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>Fichiers :</translation>
    </message>
    <message>
        <source>Si&amp;gned with:</source>
        <translation>Si&amp;gné avec :</translation>
    </message>
    <message>
        <source>Checking what will be exported…</source>
        <translation>Vérification de ce qui sera exporté…</translation>
    </message>
    <message>
        <source>Nothing can be exported.</source>
        <translation>Rien ne peut être exporté.</translation>
    </message>
    <message>
        <source>This adapter cannot be exported: %1</source>
        <translation>Cet adaptateur ne peut pas être exporté : %1</translation>
    </message>
    <message>
        <source>%1 — written with the export (see the full listing)</source>
        <translation>%1 — écrit avec l’export (voir la liste complète)</translation>
    </message>
    <message>
        <source>%1 — %2, SHA-256 %3</source>
        <translation>%1 — %2, SHA-256 %3</translation>
    </message>
    <message>
        <source>%1, key fingerprint %2 (only the holder of this key can open the export)</source>
        <translation>%1, empreinte de clé %2 (seul le détenteur de cette clé peut ouvrir l’export)</translation>
    </message>
    <message>
        <source>You need a signing key: the model owner checks with it that the export comes from you. Create one, or choose the key file that `offsite keygen --role data-owner` made.</source>
        <translation>Il vous faut une clé de signature : le propriétaire du modèle vérifie avec elle que l’export vient de vous. Créez-en une, ou choisissez le fichier de clé créé par `offsite keygen --role data-owner`.</translation>
    </message>
    <message>
        <source>There is no key file at %1. Create a key there, or choose another file.</source>
        <translation>Il n’y a pas de fichier de clé à %1. Créez-y une clé ou choisissez un autre fichier.</translation>
    </message>
    <message>
        <source>Exports are signed with this key. The model owner needs its public half, %1, once.</source>
        <translation>Les exports sont signés avec cette clé. Le propriétaire du modèle a besoin une fois de sa moitié publique, %1.</translation>
    </message>
    <message>
        <source>%1 already exists, and a key is never overwritten. Choose it with Browse, or type another file name.</source>
        <translation>%1 existe déjà, et une clé n’est jamais écrasée. Choisissez-la avec Parcourir, ou saisissez un autre nom de fichier.</translation>
    </message>
    <message>
        <source>No key was created.</source>
        <translation>Aucune clé n’a été créée.</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>Création de votre clé de signature…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>La clé n’a pas été créée : %1</translation>
    </message>
    <message>
        <source>Your signing key was created (fingerprint %1). Send %2 to the model owner, so they can check that exports come from you.</source>
        <translation>Votre clé de signature a été créée (empreinte %1). Envoyez %2 au propriétaire du modèle, pour qu’il puisse vérifier que les exports viennent de vous.</translation>
    </message>
    <message>
        <source>Create or choose your signing key first.</source>
        <translation>Créez ou choisissez d’abord votre clé de signature.</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>Non exporté.</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>Chiffrement et signature…</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>L’export a été arrêté ; rien n’a été écrit.</translation>
    </message>
    <message>
        <source>It was not recorded in the workspace: %1</source>
        <translation>Il n’a pas été enregistré dans l’espace de travail : %1</translation>
    </message>
    <message>
        <source>Exported to %1, signed in %2. Send both files to the publisher.</source>
        <translation>Exporté vers %1, signé dans %2. Envoyez les deux fichiers à l’éditeur.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FindingTableModel</name>
    <message>
        <source>Must fix</source>
        <translation>À corriger</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>À examiner</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>, ligne %1</translation>
    </message>
    <message>
        <source>, field “%1”</source>
        <translation>, champ « %1 »</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FineTuningWizard</name>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Terminé</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ImportPackagePage</name>
    <message>
        <source>&amp;Check package</source>
        <translation>&amp;Vérifier le paquet</translation>
    </message>
    <message>
        <source>New publisher</source>
        <translation>Nouvel éditeur</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and &amp;trust this key</source>
        <translation>J’ai comparé cette empreinte avec l’éditeur et je fais &amp;confiance à cette clé</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <source>I &amp;accept the licence</source>
        <translation>J’&amp;accepte la licence</translation>
    </message>
    <message>
        <source>&amp;Import package</source>
        <translation>&amp;Importer le paquet</translation>
    </message>
    <message>
        <source>Import a model package</source>
        <translation>Importer un paquet de modèle</translation>
    </message>
    <message>
        <source>The model&apos;s owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked before anything is unpacked.</source>
        <translation>Le propriétaire du modèle vous envoie un paquet signé (.otpkg). Choisissez-le ou déposez-le ici ; il est vérifié avant que quoi que ce soit ne soit décompressé.</translation>
    </message>
    <message>
        <source>Choose a .otpkg file or drop it on this page</source>
        <translation>Choisissez un fichier .otpkg ou déposez-le sur cette page</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Fichier du paquet</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Browse for a package file</source>
        <translation>Rechercher un fichier de paquet</translation>
    </message>
    <message>
        <source>Choose a model package</source>
        <translation>Choisir un paquet de modèle</translation>
    </message>
    <message>
        <source>Offsite packages (*.otpkg)</source>
        <translation>Paquets Offsite (*.otpkg)</translation>
    </message>
    <message>
        <source>The publisher&apos;s public key file (.pub)</source>
        <translation>Le fichier de clé publique de l’éditeur (.pub)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public key file</source>
        <translation>Fichier de clé publique de l’éditeur</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>P&amp;arcourir…</translation>
    </message>
    <message>
        <source>Browse for the publisher&apos;s public key file</source>
        <translation>Rechercher le fichier de clé publique de l’éditeur</translation>
    </message>
    <message>
        <source>Choose the publisher&apos;s public key</source>
        <translation>Choisir la clé publique de l’éditeur</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>Clés publiques (*.pub);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public &amp;key:</source>
        <translation>&amp;Clé publique de l’éditeur :</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>&amp;Paquet :</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you the same fingerprint by phone, in person or another channel you trust.</source>
        <translation>Ne cochez cette case qu’après que l’éditeur vous a communiqué la même empreinte par téléphone, en personne ou par un autre canal de confiance.</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>Texte de la licence</translation>
    </message>
    <message>
        <source>No workspace is open. Choose a workspace folder in Settings.</source>
        <translation>Aucun espace de travail n’est ouvert. Choisissez un dossier d’espace de travail dans les Paramètres.</translation>
    </message>
    <message>
        <source>Choose a package file first.</source>
        <translation>Choisissez d’abord un fichier de paquet.</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>Vérification du paquet…</translation>
    </message>
    <message>
        <source>This package is signed by a publisher you have not trusted yet. Choose the public key file (.pub) the publisher gave you, then check again.</source>
        <translation>Ce paquet est signé par un éditeur auquel vous ne faites pas encore confiance. Choisissez le fichier de clé publique (.pub) que l’éditeur vous a remis, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>La vérification a été interrompue.</translation>
    </message>
    <message>
        <source>Do not use this package. %1</source>
        <translation>N’utilisez pas ce paquet. %1</translation>
    </message>
    <message numerus="yes">
        <source>Usable until %1 (%n day(s) left).</source>
        <translation>
            <numerusform>Utilisable jusqu’au %1 (%n jour restant).</numerusform>
            <numerusform>Utilisable jusqu’au %1 (%n jours restants).</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1”, key fingerprint %2. This is the first package from this key. Ask the publisher to read you the fingerprint and compare it.</source>
        <translation>Éditeur « %1 », empreinte de clé %2. C’est le premier paquet signé avec cette clé. Demandez à l’éditeur de vous lire l’empreinte et comparez-la.</translation>
    </message>
    <message>
        <source>The package was not imported: %1</source>
        <translation>Le paquet n’a pas été importé : %1</translation>
    </message>
    <message>
        <source>Imported. The licence acceptance is recorded in your workspace&apos;s history.</source>
        <translation>Importé. L’acceptation de la licence est consignée dans l’historique de votre espace de travail.</translation>
    </message>
    <message>
        <source>Changed since the version you imported before</source>
        <translation>Modifié depuis la version importée précédemment</translation>
    </message>
    <message>
        <source>The publisher confirmed these changes to me; import any&amp;way</source>
        <translation>L’éditeur m’a confirmé ces changements ; importer &amp;quand même</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>&amp;Ne pas importer</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you about these changes by phone, in person or another channel you trust. A changed export key means your exports go to whoever holds the new key.</source>
        <translation>Ne cochez cette case qu’après que l’éditeur vous a annoncé ces changements par téléphone, en personne ou par un autre canal de confiance. Une clé d’export modifiée signifie que vos exports iront à la personne qui détient la nouvelle clé.</translation>
    </message>
    <message>
        <source>Leaves your workspace as it is.</source>
        <translation>Laisse votre espace de travail tel quel.</translation>
    </message>
    <message>
        <source>The public key file you chose did not sign this package. Ask the publisher for the key that matches this package, then check again.</source>
        <translation>Le fichier de clé publique choisi n’a pas signé ce paquet. Demandez à l’éditeur la clé correspondant à ce paquet, puis vérifiez de nouveau.</translation>
    </message>
    <message>
        <source>This package is already in your workspace; you can continue with it.</source>
        <translation>Ce paquet est déjà dans votre espace de travail ; vous pouvez continuer avec lui.</translation>
    </message>
    <message>
        <source>This package differs from what you imported before from this publisher:</source>
        <translation>Ce paquet diffère de ce que vous avez importé auparavant de cet éditeur :</translation>
    </message>
    <message>
        <source>Import it only if the publisher told you about these changes. Otherwise choose “Do not import”: nothing in your workspace changes.</source>
        <translation>Ne l’importez que si l’éditeur vous a annoncé ces changements. Sinon, choisissez « Ne pas importer » : rien ne change dans votre espace de travail.</translation>
    </message>
    <message>
        <source>Not imported. Nothing in your workspace was changed.</source>
        <translation>Non importé. Rien n’a été modifié dans votre espace de travail.</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>A&amp;nnuler l’importation</translation>
    </message>
    <message>
        <source>Checks the signature, the publisher&apos;s key and the expiry date.</source>
        <translation>Vérifie la signature, la clé de l’éditeur et la date d’expiration.</translation>
    </message>
    <message>
        <source>Stops the import; nothing in your workspace changes.</source>
        <translation>Arrête l’importation ; rien ne change dans votre espace de travail.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Progression de l’importation</translation>
    </message>
    <message numerus="yes">
        <source>Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n file(s) is checked against what the publisher signed while it is imported.</source>
        <translation>
            <numerusform>Authentique : %1 version %2 de %3, signé par la clé d’empreinte %4. Son %n fichier est vérifié par rapport à ce que l’éditeur a signé pendant l’importation.</numerusform>
            <numerusform>Authentique : %1 version %2 de %3, signé par la clé d’empreinte %4. Chacun de ses %n fichiers est vérifié par rapport à ce que l’éditeur a signé pendant l’importation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1” changed its signing key (key set version %2): the new key %3 was authorised by the key you trusted before, %4.</source>
        <translation>L’éditeur « %1 » a changé de clé de signature (version %2 du jeu de clés) : la nouvelle clé %3 a été autorisée par la clé à laquelle vous faisiez confiance, %4.</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importation…</translation>
    </message>
    <message>
        <source>Checking and unpacking the package…</source>
        <translation>Vérification et décompression du paquet…</translation>
    </message>
    <message>
        <source>%1 of %2 checked</source>
        <translation>%1 sur %2 vérifiés</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing in your workspace was changed.</source>
        <translation>Importation annulée. Rien n’a été modifié dans votre espace de travail.</translation>
    </message>
    <message>
        <source>Answer the question above to continue the import, or choose “Do not import”.</source>
        <translation>Répondez à la question ci-dessus pour poursuivre l’importation, ou choisissez « Ne pas importer ».</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryPage</name>
    <message>
        <source>&amp;Packages</source>
        <translation>&amp;Paquets</translation>
    </message>
    <message>
        <source>&amp;Data sets</source>
        <translation>&amp;Jeux de données</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Exécutions</translation>
    </message>
    <message>
        <source>&amp;Exports</source>
        <translation>E&amp;xports</translation>
    </message>
    <message>
        <source>Models you imported from their owners.</source>
        <translation>Les modèles que vous avez importés de leurs propriétaires.</translation>
    </message>
    <message>
        <source>Your data sets; they never leave this computer.</source>
        <translation>Vos jeux de données ; ils ne quittent jamais cet ordinateur.</translation>
    </message>
    <message>
        <source>Fine-tuning runs; press Enter on a run to see its charts and history.</source>
        <translation>Exécutions d’ajustement ; appuyez sur Entrée sur une exécution pour voir ses graphiques et son historique.</translation>
    </message>
    <message>
        <source>Tuned adapters you exported for the model owner.</source>
        <translation>Les adaptateurs ajustés que vous avez exportés pour le propriétaire du modèle.</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>&amp;New fine-tuning…</source>
        <translation>&amp;Nouvel ajustement…</translation>
    </message>
    <message>
        <source>Import a model package and your data, then fine-tune on this computer.</source>
        <translation>Importez un paquet de modèle et vos données, puis ajustez le modèle sur cet ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>&amp;Reprendre l’entraînement</translation>
    </message>
    <message>
        <source>Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Reprend l’entraînement sélectionné, en pause ou interrompu, à partir de son dernier point de contrôle dans l’assistant d’ajustement.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryTableModel</name>
    <message>
        <source>Plain text</source>
        <translation>Texte brut</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>Invite et complétion</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>Classification</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>Choix multiple</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>Non démarrée</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>Éditeur</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importé le</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>Jeu de données</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Ajouté le</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Démarrée le</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>Dernière modification</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Accusés de réception</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
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
        <translation>Sections</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothèque</translation>
    </message>
    <message>
        <source>Packages, data sets, runs and exports in your workspace.</source>
        <translation>Paquets, jeux de données, exécutions et exports de votre espace de travail.</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>Ajuster</translation>
    </message>
    <message>
        <source>The step-by-step fine-tuning assistant.</source>
        <translation>L’assistant d’ajustement pas à pas.</translation>
    </message>
    <message>
        <source>Model inspector</source>
        <translation>Inspecteur de modèle</translation>
    </message>
    <message>
        <source>Look inside a model folder or safetensors file.</source>
        <translation>Examiner le contenu d’un dossier de modèle ou d’un fichier safetensors.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 ouvert</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Inspect a model &amp;folder…</source>
        <translation>Inspecter un &amp;dossier de modèle…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Affic&amp;hage</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>&amp;Ajuster</translation>
    </message>
    <message>
        <source>Model &amp;inspector</source>
        <translation>&amp;Inspecteur de modèle</translation>
    </message>
    <message>
        <source>&amp;Refresh library</source>
        <translation>&amp;Actualiser la bibliothèque</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About Offsite Studio</source>
        <translation>À &amp;propos d’Offsite Studio</translation>
    </message>
    <message>
        <source>About Offsite Studio</source>
        <translation>À propos d’Offsite Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Fine-tune a model you do not own on data you do not share. Works offline; nothing is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Ajustez un modèle qui ne vous appartient pas avec des données que vous ne partagez pas. Fonctionne hors ligne ; rien n’est envoyé nulle part.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not create the workspace folder %1. Choose another folder in Settings.</source>
        <translation>Impossible de créer le dossier d’espace de travail %1. Choisissez un autre dossier dans les Paramètres.</translation>
    </message>
    <message>
        <source>Could not open the workspace: %1</source>
        <translation>Impossible d’ouvrir l’espace de travail : %1</translation>
    </message>
    <message>
        <source>Workspace %1 is ready.</source>
        <translation>L’espace de travail %1 est prêt.</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>Impossible de lire la bibliothèque : %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>Impossible d’ouvrir l’exécution : %1</translation>
    </message>
    <message>
        <source>Inspect a model folder</source>
        <translation>Inspecter un dossier de modèle</translation>
    </message>
    <message>
        <source>Training is paused and its checkpoint saved; closing.</source>
        <translation>L’entraînement est en pause et son point de contrôle enregistré ; fermeture.</translation>
    </message>
    <message>
        <source>Pausing the training run and saving a checkpoint before closing… Resume it later from the library.</source>
        <translation>Mise en pause de l’entraînement et enregistrement d’un point de contrôle avant la fermeture… Reprenez-le plus tard depuis la bibliothèque.</translation>
    </message>
    <message>
        <source>A run is training already; pause or finish it before resuming another.</source>
        <translation>Un entraînement est déjà en cours ; mettez-le en pause ou terminez-le avant d’en reprendre un autre.</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>Reprise de l’entraînement %1…</translation>
    </message>
    <message>
        <source>A run is training in this workspace; pause it before switching workspaces.</source>
        <translation>Un entraînement est en cours dans cet espace de travail ; mettez-le en pause avant de changer d’espace de travail.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::Metric</name>
    <message>
        <source>Training loss</source>
        <translation>Perte d’entraînement</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>Perte de validation</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d’apprentissage</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>Jetons par seconde</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>Mémoire (Mio)</translation>
    </message>
    <message>
        <source>GPU memory (MiB)</source>
        <translation>Mémoire GPU (Mio)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>Utilisation du GPU (%)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricChart</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>Afficher en &amp;tableau</translation>
    </message>
    <message>
        <source>Training metrics table</source>
        <translation>Tableau des mesures d’entraînement</translation>
    </message>
    <message>
        <source>Every charted point: metric, step and value.</source>
        <translation>Chaque point des graphiques : mesure, étape et valeur.</translation>
    </message>
    <message>
        <source>Show the metrics as a table</source>
        <translation>Afficher les mesures sous forme de tableau</translation>
    </message>
    <message>
        <source>Switches between the charts and a table of the same numbers.</source>
        <translation>Bascule entre les graphiques et un tableau des mêmes valeurs.</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d’apprentissage</translation>
    </message>
    <message>
        <source>Speed (tokens per second)</source>
        <translation>Vitesse (jetons par seconde)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Chart; the same numbers are in the metrics table.</source>
        <translation>Graphique ; les mêmes valeurs figurent dans le tableau des mesures.</translation>
    </message>
    <message>
        <source>Show as &amp;charts</source>
        <translation>Afficher en &amp;graphiques</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>Mémoire (Mo)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>Utilisation du GPU (%)</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>Cette application</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>Mémoire (Go)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>Mesure</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ModelInspector</name>
    <message>
        <source>Open a model folder or a .safetensors file to see what it contains.</source>
        <translation>Ouvrez un dossier de modèle ou un fichier .safetensors pour voir son contenu.</translation>
    </message>
    <message>
        <source>Problem with the model</source>
        <translation>Problème avec le modèle</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>Filtrer les tenseurs par nom</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>Filtrer les tenseurs</translation>
    </message>
    <message>
        <source>Tensors of the model</source>
        <translation>Tenseurs du modèle</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>Ce modèle ne peut pas être utilisé : %1</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters, %3</source>
        <translation>%1 tenseurs, %2 paramètres, %3</translation>
    </message>
    <message>
        <source>%1 model with %2 blocks (hidden size %3, vocabulary %4). %5</source>
        <translation>Modèle %1 à %2 blocs (taille cachée %3, vocabulaire %4). %5</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>La configuration ne peut pas être utilisée : %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::PassphraseDialog</name>
    <message>
        <source>Create your signing key</source>
        <translation>Créer votre clé de signature</translation>
    </message>
    <message>
        <source>Open your signing key</source>
        <translation>Ouvrir votre clé de signature</translation>
    </message>
    <message>
        <source>Choose a passphrase for your new signing key (%1). It protects the key on this computer; nobody can recover it if you forget it.</source>
        <translation>Choisissez une phrase secrète pour votre nouvelle clé de signature (%1). Elle protège la clé sur cet ordinateur ; personne ne peut la retrouver si vous l’oubliez.</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (%1).</source>
        <translation>Saisissez la phrase secrète de votre clé de signature (%1).</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Phrase secrète</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Phrase secrète à nouveau</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Phrase secrète :</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>&amp;Confirmation :</translation>
    </message>
    <message>
        <source>A key needs a passphrase.</source>
        <translation>Une clé a besoin d’une phrase secrète.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Les deux phrases secrètes diffèrent.</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>Les phrases secrètes correspondent.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::RunDetailPage</name>
    <message>
        <source>%1  Run created</source>
        <translation>%1  Exécution créée</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>%1  Checkpoint saved at step %2</source>
        <translation>%1  Point de reprise enregistré à l’étape %2</translation>
    </message>
    <message>
        <source>%1  Evaluated</source>
        <translation>%1  Évaluée</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Historique de l’exécution</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← &amp;Bibliothèque</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>Retour à la bibliothèque</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Continues this run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>Reprend cet entraînement à partir de son dernier point de contrôle dans l’assistant d’ajustement.</translation>
    </message>
    <message>
        <source>%1  Exported, encrypted for the model owner</source>
        <translation>%1  Exporté, chiffré pour le propriétaire du modèle</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SamplePredictionModel</name>
    <message>
        <source>(nothing generated)</source>
        <translation>(rien n’a été généré)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>Exemple</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Invite</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>Étiquette correcte</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>Complétion attendue</translation>
    </message>
    <message>
        <source>Predicted label (emulator)</source>
        <translation>Étiquette prédite (émulateur)</translation>
    </message>
    <message>
        <source>Generated (emulator)</source>
        <translation>Généré (émulateur)</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>Identique</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>Dossier de l’espace de travail</translation>
    </message>
    <message>
        <source>Where packages, data sets, runs and exports are kept on this computer.</source>
        <translation>L’endroit où les paquets, jeux de données, exécutions et exports sont conservés sur cet ordinateur.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>Choisir le dossier de l’espace de travail</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>Périphérique de calcul</translation>
    </message>
    <message>
        <source>Automatic (graphics card when available)</source>
        <translation>Automatique (carte graphique si disponible)</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>Processeur (CPU) uniquement</translation>
    </message>
    <message>
        <source>NVIDIA graphics card (CUDA)</source>
        <translation>Carte graphique NVIDIA (CUDA)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>&amp;Dossier de l’espace de travail :</translation>
    </message>
    <message>
        <source>&amp;Compute device:</source>
        <translation>&amp;Périphérique de calcul :</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>Light and dark appearance follow your system. A new language applies the next time Offsite Studio starts.</source>
        <translation>Les apparences claire et sombre suivent votre système. Une nouvelle langue s’applique au prochain démarrage d’Offsite Studio.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TensorTableModel</name>
    <message>
        <source>scalar</source>
        <translation>scalaire</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tenseur</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forme</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>&amp;Démarrer l’entraînement</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Reprendre</translation>
    </message>
    <message>
        <source>Stop and s&amp;ave</source>
        <translation>Arrêter et en&amp;registrer</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>&amp;Annuler l’entraînement</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Entraîner</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>Progression de l’entraînement</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>Étape %v sur %m</translation>
    </message>
    <message>
        <source>Saves a checkpoint at the next step; Resume continues exactly there.</source>
        <translation>Enregistre un point de reprise à l’étape suivante ; Reprendre continue exactement à cet endroit.</translation>
    </message>
    <message>
        <source>Ends training at the next step and keeps the adapter trained so far.</source>
        <translation>Termine l’entraînement à l’étape suivante et conserve l’adaptateur entraîné jusque-là.</translation>
    </message>
    <message>
        <source>Stops at the next step; nothing of this run is kept.</source>
        <translation>S’arrête à l’étape suivante ; rien de cette exécution n’est conservé.</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train for %n step(s).</source>
        <translation>
            <numerusform>Prêt pour %n étape d’entraînement.</numerusform>
            <numerusform>Prêt pour %n étapes d’entraînement.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a package and choose data first.</source>
        <translation>Importez d’abord un paquet et choisissez des données.</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>Démarrage impossible : %1</translation>
    </message>
    <message>
        <source>Preparing your data…</source>
        <translation>Préparation de vos données…</translation>
    </message>
    <message>
        <source>Stopping at the next step and saving the adapter…</source>
        <translation>Arrêt à l’étape suivante et enregistrement de l’adaptateur…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>Entraînement en cours…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>Environ %1 restant(s)</translation>
    </message>
    <message>
        <source>Training was cancelled. You can start again.</source>
        <translation>L’entraînement a été annulé. Vous pouvez recommencer.</translation>
    </message>
    <message>
        <source>Cancelling at the next step…</source>
        <translation>Annulation à l’étape suivante…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n step(s); the adapter so far is saved.</source>
        <translation>
            <numerusform>Arrêté après %n étape ; l’adaptateur obtenu jusqu’ici est enregistré.</numerusform>
            <numerusform>Arrêté après %n étapes ; l’adaptateur obtenu jusqu’ici est enregistré.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s).</source>
        <translation>
            <numerusform>%n étape terminée.</numerusform>
            <numerusform>%n étapes terminées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation loss %1.</source>
        <translation>Perte de validation %1.</translation>
    </message>
    <message>
        <source>Training stopped with a problem: %1</source>
        <translation>L’entraînement s’est arrêté à cause d’un problème : %1</translation>
    </message>
    <message>
        <source>The adapter learns from your data on this computer. You can keep using the app meanwhile; closing it pauses training, and the library resumes it later.</source>
        <translation>L’adaptateur apprend de vos données sur cet ordinateur. Vous pouvez continuer à utiliser l’application pendant ce temps ; la fermer met l’entraînement en pause, et la bibliothèque le reprend plus tard.</translation>
    </message>
    <message>
        <source>Resuming from the newest checkpoint…</source>
        <translation>Reprise à partir du dernier point de contrôle…</translation>
    </message>
    <message>
        <source>Resumed run %1; continuing from its newest checkpoint…</source>
        <translation>Entraînement %1 repris ; poursuite à partir de son dernier point de contrôle…</translation>
    </message>
    <message>
        <source>Pausing at the next step and saving a checkpoint…</source>
        <translation>Mise en pause à la prochaine étape et enregistrement d’un point de contrôle…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>Impossible d’annuler : %1</translation>
    </message>
    <message>
        <source>Paused after step %1. Resume continues exactly where training stopped; the checkpoint is saved in the workspace.</source>
        <translation>En pause après l’étape %1. Reprendre continue exactement là où l’entraînement s’est arrêté ; le point de contrôle est enregistré dans l’espace de travail.</translation>
    </message>
    <message>
        <source>Training was cancelled at step %1; no adapter was saved. You can start again.</source>
        <translation>L’entraînement a été annulé à l’étape %1 ; aucun adaptateur n’a été enregistré. Vous pouvez recommencer.</translation>
    </message>
    <message>
        <source>No NVIDIA GPU monitor: showing this app&apos;s memory (%1).</source>
        <translation>Pas de surveillance de GPU NVIDIA : affichage de la mémoire de cette application (%1).</translation>
    </message>
    <message>
        <source>GPU memory and utilisation of %1, from NVIDIA&apos;s driver.</source>
        <translation>Mémoire et utilisation du GPU %1, fournies par le pilote NVIDIA.</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainingSettingsPage</name>
    <message>
        <source>&amp;Advanced</source>
        <translation>&amp;Avancé</translation>
    </message>
    <message>
        <source>Use the &amp;suggested batch size</source>
        <translation>Utiliser la taille de lot &amp;suggérée</translation>
    </message>
    <message>
        <source>Choose how thoroughly to train</source>
        <translation>Choisissez l’ampleur de l’entraînement</translation>
    </message>
    <message>
        <source>Start with a preset. Longer training usually fits your data better but takes more time.</source>
        <translation>Commencez par un préréglage. Un entraînement plus long s’adapte généralement mieux à vos données, mais prend plus de temps.</translation>
    </message>
    <message>
        <source>&amp;Quick</source>
        <translation>&amp;Rapide</translation>
    </message>
    <message>
        <source>A short run to see that everything works (minutes).</source>
        <translation>Une courte exécution pour vérifier que tout fonctionne (quelques minutes).</translation>
    </message>
    <message>
        <source>&amp;Balanced</source>
        <translation>É&amp;quilibré</translation>
    </message>
    <message>
        <source>A good first result for most data sets.</source>
        <translation>Un bon premier résultat pour la plupart des jeux de données.</translation>
    </message>
    <message>
        <source>T&amp;horough</source>
        <translation>A&amp;pprofondi</translation>
    </message>
    <message>
        <source>The most training; best with a few thousand examples or more.</source>
        <translation>Le plus d’entraînement ; idéal à partir de quelques milliers d’exemples.</translation>
    </message>
    <message>
        <source>Change the numbers behind the preset.</source>
        <translation>Modifier les valeurs derrière le préréglage.</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>Étapes d’entraînement</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Taux d’apprentissage</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Taille de lot</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>Jetons par exemple</translation>
    </message>
    <message>
        <source>Training s&amp;teps:</source>
        <translation>É&amp;tapes d’entraînement :</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>&amp;Taux d’apprentissage :</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>Taille de l&amp;ot :</translation>
    </message>
    <message>
        <source>Tokens per e&amp;xample:</source>
        <translation>Jetons par e&amp;xemple :</translation>
    </message>
    <message>
        <source>Will it fit?</source>
        <translation>Cela tiendra-t-il ?</translation>
    </message>
    <message>
        <source>Processor (CPU): %1 of memory free.</source>
        <translation>Processeur (CPU) : %1 de mémoire libre.</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>une quantité inconnue</translation>
    </message>
    <message>
        <source>The memory check needs the imported package.</source>
        <translation>La vérification de la mémoire nécessite le paquet importé.</translation>
    </message>
    <message>
        <source>This run needs about %1 (model %2, training state %3, working memory %4).</source>
        <translation>Cette exécution nécessite environ %1 (modèle %2, état d’entraînement %3, mémoire de travail %4).</translation>
    </message>
    <message>
        <source>Free memory is unknown.</source>
        <translation>La mémoire libre est inconnue.</translation>
    </message>
    <message>
        <source>It fits in the %1 free.</source>
        <translation>Cela tient dans les %1 libres.</translation>
    </message>
    <message>
        <source>That is more than the %1 free. A batch size of %2 fits.</source>
        <translation>C’est plus que les %1 libres. Une taille de lot de %2 tient.</translation>
    </message>
    <message>
        <source>That is more than the %1 free, even with a batch size of 1. Use fewer tokens per example or a device with more memory.</source>
        <translation>C’est plus que les %1 libres, même avec une taille de lot de 1. Utilisez moins de jetons par exemple ou un périphérique disposant de plus de mémoire.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2); training runs on it.</source>
        <translation>Carte graphique détectée (%1 libres sur %2) ; l’entraînement s’exécute dessus.</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2), but this build cannot train on it; training runs on the processor.</source>
        <translation>Carte graphique détectée (%1 libres sur %2), mais cette version ne peut pas entraîner dessus ; l’entraînement s’exécute sur le processeur.</translation>
    </message>
</context>
</TS>
