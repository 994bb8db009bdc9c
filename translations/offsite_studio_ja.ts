<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>main</name>
    <message>
        <source>Offsite Studio desktop app</source>
        <translation>Offsite Studio デスクトップアプリ</translation>
    </message>
    <message>
        <source>a package (.otpkg) to import, or a model folder to inspect</source>
        <translation>インポートするパッケージ (.otpkg)、または調べるモデルフォルダー</translation>
    </message>
    <message>
        <source>open the main window, then quit at once</source>
        <translation>メインウィンドウを開き、すぐに終了する</translation>
    </message>
    <message>
        <source>choose this data set in the wizard&apos;s data step</source>
        <translation>ウィザードのデータ手順でこのデータセットを選択する</translation>
    </message>
    <message>
        <source>what the data set is: text, prompt_completion, classification or multiple_choice</source>
        <translation>データセットの種類: text、prompt_completion、classification、multiple_choice のいずれか</translation>
    </message>
    <message>
        <source>unknown task &quot;%1&quot;</source>
        <translation>不明なタスク「%1」</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ChooseDataPage</name>
    <message>
        <source>&amp;Check data</source>
        <translation>データを確認(&amp;C)</translation>
    </message>
    <message>
        <source>First rows of the data set</source>
        <translation>データセットの最初の行</translation>
    </message>
    <message>
        <source>Problems found in the data set</source>
        <translation>データセットで見つかった問題</translation>
    </message>
    <message>
        <source>Choose your data</source>
        <translation>データを選ぶ</translation>
    </message>
    <message>
        <source>Pick the examples the model should learn from. They are read on this computer and never leave it.</source>
        <translation>モデルに学習させる例を選んでください。例はこのコンピューター上で読み込まれ、外部に送られることはありません。</translation>
    </message>
    <message>
        <source>Data sets already in your workspace</source>
        <translation>ワークスペースにすでにあるデータセット</translation>
    </message>
    <message>
        <source>A JSONL, CSV, TSV or text file</source>
        <translation>JSONL、CSV、TSV、またはテキストファイル</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>データファイル</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Browse for a data file</source>
        <translation>データファイルを参照</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>データファイルを選ぶ</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)</source>
        <translation>データファイル (*.jsonl *.csv *.tsv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>ファイル形式</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>Comma-separated (.csv)</source>
        <translation>カンマ区切り (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated (.tsv)</source>
        <translation>タブ区切り (.tsv)</translation>
    </message>
    <message>
        <source>Plain text, one example per line</source>
        <translation>プレーンテキスト（1 行に 1 例）</translation>
    </message>
    <message>
        <source>What the examples teach</source>
        <translation>例が教える内容</translation>
    </message>
    <message>
        <source>Reads the whole file and lists anything that needs fixing.</source>
        <translation>ファイル全体を読み込み、修正が必要な箇所をすべて一覧にします。</translation>
    </message>
    <message>
        <source>&amp;Earlier data set:</source>
        <translation>以前のデータセット(&amp;E):</translation>
    </message>
    <message>
        <source>Data &amp;file:</source>
        <translation>データファイル(&amp;F):</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>形式(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>タスク(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>プレビュー(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>検出事項(&amp;F)</translation>
    </message>
    <message>
        <source>— a new file —</source>
        <translation>— 新しいファイル —</translation>
    </message>
    <message>
        <source>Choose a data file first.</source>
        <translation>先にデータファイルを選んでください。</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>データを読み込んでいます…</translation>
    </message>
    <message>
        <source>This file cannot be used: %1</source>
        <translation>このファイルは使用できません: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n usable example(s) of %1 read.</source>
        <translation>
            <numerusform>%1 件を読み込み、そのうち %n 件の例が使用できます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows must be fixed before training; see the findings below.</source>
        <translation>学習の前に修正が必要な行があります。下の検出事項を確認してください。</translation>
    </message>
    <message>
        <source>Add more examples: at least two are needed.</source>
        <translation>例を追加してください。少なくとも 2 つ必要です。</translation>
    </message>
    <message>
        <source>Could not record the data set: %1</source>
        <translation>データセットを記録できませんでした: %1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>問題は見つかりませんでした。</translation>
    </message>
    <message>
        <source>Nothing blocks training; the findings are worth a look.</source>
        <translation>学習を妨げる問題はありませんが、検出事項を確認することをおすすめします。</translation>
    </message>
    <message>
        <source>Use the &amp;demo reviews</source>
        <translation>デモのレビューを使う(&amp;D)</translation>
    </message>
    <message>
        <source>The bundled example data: 4,000 food product reviews, each labelled great or other.</source>
        <translation>同梱のサンプルデータ：食品のレビュー 4,000 件。それぞれ great または other のラベル付き。</translation>
    </message>
    <message>
        <source>The demo data are not installed.</source>
        <translation>デモデータがインストールされていません。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::DatasetPreviewModel</name>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>応答</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>選択肢</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>正解</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>プレーンテキスト</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>プロンプトと応答</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多肢選択</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
</context>
<context>
    <name>offsite::ui::EvaluatePage</name>
    <message>
        <source>Check the result</source>
        <translation>結果を確認</translation>
    </message>
    <message>
        <source>How well the model predicts the examples it did not train on. Lower is better.</source>
        <translation>学習に使っていない例をモデルがどれだけうまく予測できるか。低いほど良い結果です。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured on the emulator.&lt;/b&gt; These numbers come from the compressed stand-in model in the package, not the owner&apos;s full model. The owner measures the final model after adding your adapter.</source>
        <translation>&lt;b&gt;エミュレーターで測定した値です。&lt;/b&gt;この数値はパッケージ内の圧縮された代替モデルによるもので、所有者の完全なモデルによるものではありません。最終モデルは、所有者があなたのアダプターを組み込んだ後に測定します。</translation>
    </message>
    <message>
        <source>Perplexity before training (emulator):</source>
        <translation>学習前のパープレキシティ（エミュレーター）:</translation>
    </message>
    <message>
        <source>Perplexity after training (emulator):</source>
        <translation>学習後のパープレキシティ（エミュレーター）:</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>変化:</translation>
    </message>
    <message>
        <source>There is no held-out data to measure.</source>
        <translation>測定に使う取り分けたデータがありません。</translation>
    </message>
    <message>
        <source>Measuring on the emulator…</source>
        <translation>エミュレーターで測定しています…</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>測定できませんでした: %1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Training helped: the emulator predicts your held-out examples better.</source>
        <translation>学習の効果がありました。エミュレーターは取り分けた例をより正確に予測しています。</translation>
    </message>
    <message>
        <source>Training did not improve the emulator&apos;s predictions. Try the Balanced or Thorough preset or add more examples.</source>
        <translation>学習でエミュレーターの予測は改善しませんでした。「バランス」または「じっくり」のプリセットを試すか、例を追加してください。</translation>
    </message>
    <message>
        <source>&amp;Sample predictions on held-out examples (measured on the emulator)</source>
        <translation>検証用に取り分けた例での予測サンプル（エミュレーターで測定）(&amp;S)</translation>
    </message>
    <message>
        <source>Sample predictions of the tuned emulator</source>
        <translation>調整済みエミュレーターの予測サンプル</translation>
    </message>
    <message>
        <source>Held-out examples with the expected answer and the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>取り分けた例と、期待される答え、調整済みエミュレーターの答え。所有者の最終モデルは異なる答えを出すことがあります。</translation>
    </message>
    <message>
        <source>The held-out part of your data has no examples to show.</source>
        <translation>取り分けたデータには表示できる例がありません。</translation>
    </message>
    <message numerus="yes">
        <source>%n held-out example(s) with the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>
            <numerusform>取り分けた例 %n 件と調整済みエミュレーターの答え。所有者の最終モデルは異なる答えを出すことがあります。</numerusform>
        </translation>
    </message>
    <message>
        <source>No sample predictions: %1</source>
        <translation>予測サンプルはありません：%1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ExportPage</name>
    <message>
        <source>&amp;Export</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Export the tuned adapter</source>
        <translation>調整済みアダプターをエクスポート</translation>
    </message>
    <message>
        <source>This is everything that will leave this computer. Check it, then export.</source>
        <translation>このコンピューターから出ていくのはこれがすべてです。確認してからエクスポートしてください。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data are included.&lt;/b&gt; The export holds only the adapter&apos;s numbers listed below. Your examples, their file names and the evaluation stay on this computer.</source>
        <translation>&lt;b&gt;データは含まれません。&lt;/b&gt;エクスポートに含まれるのは、下に一覧表示したアダプターの数値だけです。例、そのファイル名、評価結果はこのコンピューターに残ります。</translation>
    </message>
    <message>
        <source>Tensors in the export</source>
        <translation>エクスポートに含まれるテンソル</translation>
    </message>
    <message>
        <source>Where to save the export</source>
        <translation>エクスポートの保存先</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>エクスポートを保存</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age)</source>
        <translation>暗号化されたエクスポート (*.age)</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>暗号化の宛先:</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存先(&amp;S):</translation>
    </message>
    <message>
        <source>Ready to export.</source>
        <translation>エクスポートの準備ができました。</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>エクスポートの保存先を選んでください。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
    <message>
        <source>Show the full &amp;listing</source>
        <translation>完全な一覧を表示(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Create key…</source>
        <translation>鍵を作成(&amp;C)…</translation>
    </message>
    <message>
        <source>The listing written into the export</source>
        <translation>エクスポートに書き込まれる一覧</translation>
    </message>
    <message>
        <source>Your key pair file (.offsitekey)</source>
        <translation>鍵ペアファイル（.offsitekey）</translation>
    </message>
    <message>
        <source>Your signing key file</source>
        <translation>署名鍵ファイル</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>参照(&amp;W)…</translation>
    </message>
    <message>
        <source>Browse for your signing key file</source>
        <translation>署名鍵ファイルを参照</translation>
    </message>
    <message>
        <source>Choose your signing key</source>
        <translation>署名鍵を選択</translation>
    </message>
    <message>
        <source>Offsite key pairs (*.offsitekey);;All files (*)</source>
        <translation>Offsite 鍵ペア (*.offsitekey);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Creates a key pair protected by a passphrase; the model owner uses its public half to check that exports come from you.</source>
        <translation>パスフレーズで保護された鍵ペアを作成します。モデル所有者はその公開側で、エクスポートがあなたからのものか確認します。</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>ファイル:</translation>
    </message>
    <message>
        <source>Si&amp;gned with:</source>
        <translation>署名に使う鍵(&amp;G):</translation>
    </message>
    <message>
        <source>Checking what will be exported…</source>
        <translation>エクスポートされる内容を確認しています…</translation>
    </message>
    <message>
        <source>Nothing can be exported.</source>
        <translation>エクスポートできるものはありません。</translation>
    </message>
    <message>
        <source>This adapter cannot be exported: %1</source>
        <translation>このアダプターはエクスポートできません: %1</translation>
    </message>
    <message>
        <source>%1 — written with the export (see the full listing)</source>
        <translation>%1 — エクスポートと一緒に書き込まれます（完全な一覧を参照）</translation>
    </message>
    <message>
        <source>%1 — %2, SHA-256 %3</source>
        <translation>%1 — %2、SHA-256 %3</translation>
    </message>
    <message>
        <source>%1, key fingerprint %2 (only the holder of this key can open the export)</source>
        <translation>%1、鍵フィンガープリント %2（この鍵の持ち主だけがエクスポートを開けます）</translation>
    </message>
    <message>
        <source>You need a signing key: the model owner checks with it that the export comes from you. Create one, or choose the key file that `offsite keygen --role data-owner` made.</source>
        <translation>署名鍵が必要です。モデル所有者はそれでエクスポートがあなたからのものか確認します。作成するか、`offsite keygen --role data-owner` が作った鍵ファイルを選んでください。</translation>
    </message>
    <message>
        <source>There is no key file at %1. Create a key there, or choose another file.</source>
        <translation>%1 に鍵ファイルがありません。そこに鍵を作成するか、別のファイルを選んでください。</translation>
    </message>
    <message>
        <source>Exports are signed with this key. The model owner needs its public half, %1, once.</source>
        <translation>エクスポートはこの鍵で署名されます。モデル所有者にはその公開側 %1 が一度だけ必要です。</translation>
    </message>
    <message>
        <source>%1 already exists, and a key is never overwritten. Choose it with Browse, or type another file name.</source>
        <translation>%1 はすでに存在し、鍵が上書きされることはありません。「参照」で選ぶか、別のファイル名を入力してください。</translation>
    </message>
    <message>
        <source>No key was created.</source>
        <translation>鍵は作成されませんでした。</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>署名鍵を作成しています…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>鍵は作成されませんでした: %1</translation>
    </message>
    <message>
        <source>Your signing key was created (fingerprint %1). Send %2 to the model owner, so they can check that exports come from you.</source>
        <translation>署名鍵を作成しました（フィンガープリント %1）。エクスポートがあなたからのものか確認できるよう、%2 をモデル所有者に送ってください。</translation>
    </message>
    <message>
        <source>Create or choose your signing key first.</source>
        <translation>先に署名鍵を作成するか選んでください。</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>エクスポートしませんでした。</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>暗号化と署名をしています…</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>エクスポートを中止しました。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>It was not recorded in the workspace: %1</source>
        <translation>ワークスペースには記録されませんでした: %1</translation>
    </message>
    <message>
        <source>Exported to %1, signed in %2. Send both files to the publisher.</source>
        <translation>%1 にエクスポートし、%2 に署名しました。両方のファイルを発行者に送ってください。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FindingTableModel</name>
    <message>
        <source>Must fix</source>
        <translation>要修正</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>確認推奨</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>、%1 行目</translation>
    </message>
    <message>
        <source>, field “%1”</source>
        <translation>、フィールド「%1」</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>重要度</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>場所</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>対処方法</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FineTuningWizard</name>
    <message>
        <source>&amp;Done</source>
        <translation>完了(&amp;D)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ImportPackagePage</name>
    <message>
        <source>&amp;Check package</source>
        <translation>パッケージを確認(&amp;C)</translation>
    </message>
    <message>
        <source>New publisher</source>
        <translation>新しい発行者</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and &amp;trust this key</source>
        <translation>この指紋を発行者と照合し、この鍵を信頼します(&amp;T)</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>I &amp;accept the licence</source>
        <translation>ライセンスに同意します(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Import package</source>
        <translation>パッケージをインポート(&amp;I)</translation>
    </message>
    <message>
        <source>Import a model package</source>
        <translation>モデルパッケージをインポート</translation>
    </message>
    <message>
        <source>The model&apos;s owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked before anything is unpacked.</source>
        <translation>モデルの所有者から署名付きパッケージ (.otpkg) が届きます。選択するか、ここにドロップしてください。展開する前に検査されます。</translation>
    </message>
    <message>
        <source>Choose a .otpkg file or drop it on this page</source>
        <translation>.otpkg ファイルを選ぶか、このページにドロップしてください</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>パッケージファイル</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Browse for a package file</source>
        <translation>パッケージファイルを参照</translation>
    </message>
    <message>
        <source>Choose a model package</source>
        <translation>モデルパッケージを選ぶ</translation>
    </message>
    <message>
        <source>Offsite packages (*.otpkg)</source>
        <translation>Offsite パッケージ (*.otpkg)</translation>
    </message>
    <message>
        <source>The publisher&apos;s public key file (.pub)</source>
        <translation>発行者の公開鍵ファイル (.pub)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public key file</source>
        <translation>発行者の公開鍵ファイル</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>参照(&amp;R)…</translation>
    </message>
    <message>
        <source>Browse for the publisher&apos;s public key file</source>
        <translation>発行者の公開鍵ファイルを参照</translation>
    </message>
    <message>
        <source>Choose the publisher&apos;s public key</source>
        <translation>発行者の公開鍵を選ぶ</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>公開鍵 (*.pub);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public &amp;key:</source>
        <translation>発行者の公開鍵(&amp;K):</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>パッケージ(&amp;P):</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you the same fingerprint by phone, in person or another channel you trust.</source>
        <translation>発行者から電話、対面、またはその他の信頼できる手段で同じ指紋を伝えられた場合にのみチェックしてください。</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>ライセンス本文</translation>
    </message>
    <message>
        <source>No workspace is open. Choose a workspace folder in Settings.</source>
        <translation>ワークスペースが開かれていません。設定でワークスペースのフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Choose a package file first.</source>
        <translation>先にパッケージファイルを選んでください。</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>パッケージを確認しています…</translation>
    </message>
    <message>
        <source>This package is signed by a publisher you have not trusted yet. Choose the public key file (.pub) the publisher gave you, then check again.</source>
        <translation>このパッケージは、まだ信頼していない発行者によって署名されています。発行者から受け取った公開鍵ファイル (.pub) を選び、もう一度確認してください。</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>確認を中止しました。</translation>
    </message>
    <message>
        <source>Do not use this package. %1</source>
        <translation>このパッケージは使用しないでください。%1</translation>
    </message>
    <message numerus="yes">
        <source>Usable until %1 (%n day(s) left).</source>
        <translation>
            <numerusform>%1 まで使用できます（残り %n 日）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1”, key fingerprint %2. This is the first package from this key. Ask the publisher to read you the fingerprint and compare it.</source>
        <translation>発行者「%1」、鍵の指紋 %2。この鍵による最初のパッケージです。発行者に指紋を読み上げてもらい、照合してください。</translation>
    </message>
    <message>
        <source>The package was not imported: %1</source>
        <translation>パッケージはインポートされませんでした: %1</translation>
    </message>
    <message>
        <source>Imported. The licence acceptance is recorded in your workspace&apos;s history.</source>
        <translation>インポートしました。ライセンスへの同意はワークスペースの履歴に記録されています。</translation>
    </message>
    <message>
        <source>Changed since the version you imported before</source>
        <translation>以前にインポートしたバージョンからの変更</translation>
    </message>
    <message>
        <source>The publisher confirmed these changes to me; import any&amp;way</source>
        <translation>発行者からこれらの変更の確認を受けました。それでもインポートする(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>インポートしない(&amp;D)</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you about these changes by phone, in person or another channel you trust. A changed export key means your exports go to whoever holds the new key.</source>
        <translation>発行者から電話、対面、または信頼できる別の経路でこれらの変更を知らされた後にのみチェックしてください。エクスポート鍵が変わると、エクスポートは新しい鍵の持ち主に届きます。</translation>
    </message>
    <message>
        <source>Leaves your workspace as it is.</source>
        <translation>ワークスペースはそのままです。</translation>
    </message>
    <message>
        <source>The public key file you chose did not sign this package. Ask the publisher for the key that matches this package, then check again.</source>
        <translation>選択した公開鍵ファイルはこのパッケージに署名していません。このパッケージに対応する鍵を発行者に依頼し、もう一度確認してください。</translation>
    </message>
    <message>
        <source>This package is already in your workspace; you can continue with it.</source>
        <translation>このパッケージはすでにワークスペースにあります。このまま続けられます。</translation>
    </message>
    <message>
        <source>This package differs from what you imported before from this publisher:</source>
        <translation>このパッケージは、この発行者から以前にインポートしたものと異なります:</translation>
    </message>
    <message>
        <source>Import it only if the publisher told you about these changes. Otherwise choose “Do not import”: nothing in your workspace changes.</source>
        <translation>発行者からこれらの変更を知らされている場合にのみインポートしてください。そうでなければ「インポートしない」を選んでください。ワークスペースは何も変わりません。</translation>
    </message>
    <message>
        <source>Not imported. Nothing in your workspace was changed.</source>
        <translation>インポートしませんでした。ワークスペースは何も変更されていません。</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>インポートを中止(&amp;N)</translation>
    </message>
    <message>
        <source>Checks the signature, the publisher&apos;s key and the expiry date.</source>
        <translation>署名、発行者の鍵、有効期限を確認します。</translation>
    </message>
    <message>
        <source>Stops the import; nothing in your workspace changes.</source>
        <translation>インポートを中止します。ワークスペースは何も変わりません。</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>インポートの進行状況</translation>
    </message>
    <message numerus="yes">
        <source>Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n file(s) is checked against what the publisher signed while it is imported.</source>
        <translation>
            <numerusform>本物です：%3 の %1 バージョン %2。指紋 %4 の鍵で署名されています。%n 個のファイルはそれぞれ、インポート中に発行者が署名した内容と照合されます。</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1” changed its signing key (key set version %2): the new key %3 was authorised by the key you trusted before, %4.</source>
        <translation>発行者「%1」が署名鍵を変更しました（鍵セットのバージョン %2）。新しい鍵 %3 は、以前に信頼した鍵 %4 によって承認されています。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>インポート中…</translation>
    </message>
    <message>
        <source>Checking and unpacking the package…</source>
        <translation>パッケージを確認して展開しています…</translation>
    </message>
    <message>
        <source>%1 of %2 checked</source>
        <translation>%2 のうち %1 を確認済み</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing in your workspace was changed.</source>
        <translation>インポートを中止しました。ワークスペースは何も変更されていません。</translation>
    </message>
    <message>
        <source>Answer the question above to continue the import, or choose “Do not import”.</source>
        <translation>インポートを続けるには上の質問に答えるか、「インポートしない」を選んでください。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryPage</name>
    <message>
        <source>&amp;Packages</source>
        <translation>パッケージ(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Data sets</source>
        <translation>データセット(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>実行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Exports</source>
        <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
        <source>Models you imported from their owners.</source>
        <translation>所有者から受け取ってインポートしたモデル。</translation>
    </message>
    <message>
        <source>Your data sets; they never leave this computer.</source>
        <translation>あなたのデータセット。このコンピューターから出ることはありません。</translation>
    </message>
    <message>
        <source>Fine-tuning runs; press Enter on a run to see its charts and history.</source>
        <translation>ファインチューニングの実行。実行を選んで Enter を押すと、グラフと履歴が表示されます。</translation>
    </message>
    <message>
        <source>Tuned adapters you exported for the model owner.</source>
        <translation>モデルの所有者向けにエクスポートした調整済みアダプター。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>&amp;New fine-tuning…</source>
        <translation>新しいファインチューニング(&amp;N)…</translation>
    </message>
    <message>
        <source>Import a model package and your data, then fine-tune on this computer.</source>
        <translation>モデルパッケージとデータをインポートし、このコンピューターでファインチューニングします。</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>実行を再開(&amp;R)</translation>
    </message>
    <message>
        <source>Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>選択した一時停止中または中断された実行を、ファインチューニング アシスタントで最新のチェックポイントから再開します。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryTableModel</name>
    <message>
        <source>Plain text</source>
        <translation>プレーンテキスト</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>プロンプトと応答</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分類</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多肢選択</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未開始</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>発行者</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>インポート日時</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>データセット</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>タスク</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>形式</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最終更新</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>作成日時</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>受領確認</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
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
        <translation>セクション</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>ライブラリ</translation>
    </message>
    <message>
        <source>Packages, data sets, runs and exports in your workspace.</source>
        <translation>ワークスペース内のパッケージ、データセット、実行、エクスポート。</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>ファインチューニング</translation>
    </message>
    <message>
        <source>The step-by-step fine-tuning assistant.</source>
        <translation>ステップごとに進めるファインチューニングのアシスタント。</translation>
    </message>
    <message>
        <source>Model inspector</source>
        <translation>モデルインスペクター</translation>
    </message>
    <message>
        <source>Look inside a model folder or safetensors file.</source>
        <translation>モデルフォルダーや safetensors ファイルの中身を調べます。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>ステータス</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 を開きました</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>Inspect a model &amp;folder…</source>
        <translation>モデルフォルダーを調べる(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>ライブラリ(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>ファインチューニング(&amp;F)</translation>
    </message>
    <message>
        <source>Model &amp;inspector</source>
        <translation>モデルインスペクター(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Refresh library</source>
        <translation>ライブラリを更新(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Offsite Studio</source>
        <translation>Offsite Studio について(&amp;A)</translation>
    </message>
    <message>
        <source>About Offsite Studio</source>
        <translation>Offsite Studio について</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Fine-tune a model you do not own on data you do not share. Works offline; nothing is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;自分のものではないモデルを、共有しないデータでファインチューニングします。オフラインで動作し、どこにも何も送信しません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not create the workspace folder %1. Choose another folder in Settings.</source>
        <translation>ワークスペースのフォルダー %1 を作成できませんでした。設定で別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Could not open the workspace: %1</source>
        <translation>ワークスペースを開けませんでした: %1</translation>
    </message>
    <message>
        <source>Workspace %1 is ready.</source>
        <translation>ワークスペース %1 の準備ができました。</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>ライブラリを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>実行を開けませんでした: %1</translation>
    </message>
    <message>
        <source>Inspect a model folder</source>
        <translation>モデルフォルダーを調べる</translation>
    </message>
    <message>
        <source>Training is paused and its checkpoint saved; closing.</source>
        <translation>トレーニングを一時停止し、チェックポイントを保存しました。閉じます。</translation>
    </message>
    <message>
        <source>Pausing the training run and saving a checkpoint before closing… Resume it later from the library.</source>
        <translation>閉じる前にトレーニングを一時停止し、チェックポイントを保存しています… 後でライブラリから再開できます。</translation>
    </message>
    <message>
        <source>A run is training already; pause or finish it before resuming another.</source>
        <translation>すでにトレーニング中の実行があります。別の実行を再開する前に一時停止するか完了させてください。</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>実行 %1 を再開しています…</translation>
    </message>
    <message>
        <source>A run is training in this workspace; pause it before switching workspaces.</source>
        <translation>このワークスペースでトレーニング中の実行があります。ワークスペースを切り替える前に一時停止してください。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::Metric</name>
    <message>
        <source>Training loss</source>
        <translation>学習損失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>検証損失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>毎秒トークン数</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>メモリ (MiB)</translation>
    </message>
    <message>
        <source>GPU memory (MiB)</source>
        <translation>GPU メモリ (MiB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU 使用率 (%)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricChart</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>表で表示(&amp;T)</translation>
    </message>
    <message>
        <source>Training metrics table</source>
        <translation>学習指標の表</translation>
    </message>
    <message>
        <source>Every charted point: metric, step and value.</source>
        <translation>グラフのすべての点: 指標、ステップ、値。</translation>
    </message>
    <message>
        <source>Show the metrics as a table</source>
        <translation>指標を表で表示</translation>
    </message>
    <message>
        <source>Switches between the charts and a table of the same numbers.</source>
        <translation>グラフと、同じ数値の表を切り替えます。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>損失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Speed (tokens per second)</source>
        <translation>速度（毎秒トークン数）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Chart; the same numbers are in the metrics table.</source>
        <translation>グラフ。同じ数値は指標の表にもあります。</translation>
    </message>
    <message>
        <source>Show as &amp;charts</source>
        <translation>グラフで表示(&amp;C)</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>メモリ (MB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU 使用率 (%)</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>このアプリ</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>メモリ (GB)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>値</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ModelInspector</name>
    <message>
        <source>Open a model folder or a .safetensors file to see what it contains.</source>
        <translation>モデルフォルダーまたは .safetensors ファイルを開くと、中身が表示されます。</translation>
    </message>
    <message>
        <source>Problem with the model</source>
        <translation>モデルの問題</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>名前でテンソルを絞り込む</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>テンソルを絞り込む</translation>
    </message>
    <message>
        <source>Tensors of the model</source>
        <translation>モデルのテンソル</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>このモデルは使用できません: %1</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters, %3</source>
        <translation>テンソル %1 個、パラメーター %2 個、%3</translation>
    </message>
    <message>
        <source>%1 model with %2 blocks (hidden size %3, vocabulary %4). %5</source>
        <translation>%1 モデル、ブロック %2 個（隠れ層サイズ %3、語彙 %4）。%5</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>この設定は使用できません: %1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::PassphraseDialog</name>
    <message>
        <source>Create your signing key</source>
        <translation>署名鍵を作成</translation>
    </message>
    <message>
        <source>Open your signing key</source>
        <translation>署名鍵を開く</translation>
    </message>
    <message>
        <source>Choose a passphrase for your new signing key (%1). It protects the key on this computer; nobody can recover it if you forget it.</source>
        <translation>新しい署名鍵（%1）のパスフレーズを決めてください。このコンピューター上の鍵を守ります。忘れると誰も復元できません。</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (%1).</source>
        <translation>署名鍵（%1）のパスフレーズを入力してください。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>パスフレーズ（確認）</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>パスフレーズ(&amp;P):</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>確認(&amp;A):</translation>
    </message>
    <message>
        <source>A key needs a passphrase.</source>
        <translation>鍵にはパスフレーズが必要です。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>2つのパスフレーズが一致しません。</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>パスフレーズが一致しています。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::RunDetailPage</name>
    <message>
        <source>%1  Run created</source>
        <translation>%1  実行を作成</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>%1  Checkpoint saved at step %2</source>
        <translation>%1  ステップ %2 でチェックポイントを保存</translation>
    </message>
    <message>
        <source>%1  Evaluated</source>
        <translation>%1  評価済み</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>実行の履歴</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← ライブラリ(&amp;L)</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>ライブラリに戻る</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>履歴(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>Continues this run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>ファインチューニング アシスタントで、この実行を最新のチェックポイントから再開します。</translation>
    </message>
    <message>
        <source>%1  Exported, encrypted for the model owner</source>
        <translation>%1  エクスポート済み（モデル所有者向けに暗号化）</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SamplePredictionModel</name>
    <message>
        <source>(nothing generated)</source>
        <translation>（何も生成されませんでした）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>例</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>正しいラベル</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>期待される続き</translation>
    </message>
    <message>
        <source>Predicted label (emulator)</source>
        <translation>予測ラベル（エミュレーター）</translation>
    </message>
    <message>
        <source>Generated (emulator)</source>
        <translation>生成結果（エミュレーター）</translation>
    </message>
    <message>
        <source>Same</source>
        <translation>一致</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>ワークスペースのフォルダー</translation>
    </message>
    <message>
        <source>Where packages, data sets, runs and exports are kept on this computer.</source>
        <translation>パッケージ、データセット、実行、エクスポートをこのコンピューター上で保管する場所。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>ワークスペースのフォルダーを選ぶ</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>計算デバイス</translation>
    </message>
    <message>
        <source>Automatic (graphics card when available)</source>
        <translation>自動（利用できる場合はグラフィックカード）</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>プロセッサー (CPU) のみ</translation>
    </message>
    <message>
        <source>NVIDIA graphics card (CUDA)</source>
        <translation>NVIDIA グラフィックカード (CUDA)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>ワークスペースのフォルダー(&amp;W):</translation>
    </message>
    <message>
        <source>&amp;Compute device:</source>
        <translation>計算デバイス(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Light and dark appearance follow your system. A new language applies the next time Offsite Studio starts.</source>
        <translation>ライト／ダークの外観はシステムの設定に従います。新しい言語は次回 Offsite Studio を起動したときに反映されます。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TensorTableModel</name>
    <message>
        <source>scalar</source>
        <translation>スカラー</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>テンソル</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainPage</name>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 時間 %2 分</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>学習を開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>一時停止(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>再開(&amp;R)</translation>
    </message>
    <message>
        <source>Stop and s&amp;ave</source>
        <translation>停止して保存(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>学習をキャンセル(&amp;C)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>学習の進行状況</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>ステップ %v / %m</translation>
    </message>
    <message>
        <source>Saves a checkpoint at the next step; Resume continues exactly there.</source>
        <translation>次のステップでチェックポイントを保存します。「再開」でちょうどそこから続けます。</translation>
    </message>
    <message>
        <source>Ends training at the next step and keeps the adapter trained so far.</source>
        <translation>次のステップで学習を終了し、それまでに学習したアダプターを残します。</translation>
    </message>
    <message>
        <source>Stops at the next step; nothing of this run is kept.</source>
        <translation>次のステップで停止します。この実行の結果は何も残りません。</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train for %n step(s).</source>
        <translation>
            <numerusform>%n ステップの学習の準備ができました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a package and choose data first.</source>
        <translation>先にパッケージをインポートし、データを選んでください。</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>開始できませんでした: %1</translation>
    </message>
    <message>
        <source>Preparing your data…</source>
        <translation>データを準備しています…</translation>
    </message>
    <message>
        <source>Stopping at the next step and saving the adapter…</source>
        <translation>次のステップで停止し、アダプターを保存します…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>学習しています…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>Training was cancelled. You can start again.</source>
        <translation>学習はキャンセルされました。もう一度開始できます。</translation>
    </message>
    <message>
        <source>Cancelling at the next step…</source>
        <translation>次のステップでキャンセルします…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n step(s); the adapter so far is saved.</source>
        <translation>
            <numerusform>%n ステップ後に停止しました。ここまでのアダプターは保存されています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s).</source>
        <translation>
            <numerusform>%n ステップを完了しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation loss %1.</source>
        <translation>検証損失 %1。</translation>
    </message>
    <message>
        <source>Training stopped with a problem: %1</source>
        <translation>問題が発生したため学習が停止しました: %1</translation>
    </message>
    <message>
        <source>The adapter learns from your data on this computer. You can keep using the app meanwhile; closing it pauses training, and the library resumes it later.</source>
        <translation>アダプターはこのコンピューター上であなたのデータから学習します。その間もアプリを使い続けられます。アプリを閉じるとトレーニングは一時停止し、後でライブラリから再開できます。</translation>
    </message>
    <message>
        <source>Resuming from the newest checkpoint…</source>
        <translation>最新のチェックポイントから再開しています…</translation>
    </message>
    <message>
        <source>Resumed run %1; continuing from its newest checkpoint…</source>
        <translation>実行 %1 を再開しました。最新のチェックポイントから続けています…</translation>
    </message>
    <message>
        <source>Pausing at the next step and saving a checkpoint…</source>
        <translation>次のステップで一時停止し、チェックポイントを保存しています…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>キャンセルできませんでした：%1</translation>
    </message>
    <message>
        <source>Paused after step %1. Resume continues exactly where training stopped; the checkpoint is saved in the workspace.</source>
        <translation>ステップ %1 の後で一時停止しました。再開すると、トレーニングが止まった位置からそのまま続けます。チェックポイントはワークスペースに保存されています。</translation>
    </message>
    <message>
        <source>Training was cancelled at step %1; no adapter was saved. You can start again.</source>
        <translation>トレーニングはステップ %1 でキャンセルされました。アダプターは保存されていません。もう一度開始できます。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU monitor: showing this app&apos;s memory (%1).</source>
        <translation>NVIDIA GPU モニターがありません。このアプリのメモリを表示しています（%1）。</translation>
    </message>
    <message>
        <source>GPU memory and utilisation of %1, from NVIDIA&apos;s driver.</source>
        <translation>%1 の GPU メモリと使用率（NVIDIA ドライバーから取得）。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainingSettingsPage</name>
    <message>
        <source>&amp;Advanced</source>
        <translation>詳細設定(&amp;A)</translation>
    </message>
    <message>
        <source>Use the &amp;suggested batch size</source>
        <translation>推奨バッチサイズを使う(&amp;S)</translation>
    </message>
    <message>
        <source>Choose how thoroughly to train</source>
        <translation>学習の程度を選ぶ</translation>
    </message>
    <message>
        <source>Start with a preset. Longer training usually fits your data better but takes more time.</source>
        <translation>まずプリセットから始めましょう。長く学習するほど通常はデータによく合いますが、時間がかかります。</translation>
    </message>
    <message>
        <source>&amp;Quick</source>
        <translation>クイック(&amp;Q)</translation>
    </message>
    <message>
        <source>A short run to see that everything works (minutes).</source>
        <translation>正しく動くか確かめる短い実行（数分）。</translation>
    </message>
    <message>
        <source>&amp;Balanced</source>
        <translation>バランス(&amp;B)</translation>
    </message>
    <message>
        <source>A good first result for most data sets.</source>
        <translation>ほとんどのデータセットで良い最初の結果が得られます。</translation>
    </message>
    <message>
        <source>T&amp;horough</source>
        <translation>じっくり(&amp;H)</translation>
    </message>
    <message>
        <source>The most training; best with a few thousand examples or more.</source>
        <translation>最も多く学習します。数千件以上の例があるときに最適です。</translation>
    </message>
    <message>
        <source>Change the numbers behind the preset.</source>
        <translation>プリセットの数値を変更します。</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>学習ステップ数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学習率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>バッチサイズ</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>1 例あたりのトークン数</translation>
    </message>
    <message>
        <source>Training s&amp;teps:</source>
        <translation>学習ステップ数(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学習率(&amp;L):</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>バッチサイズ(&amp;Z):</translation>
    </message>
    <message>
        <source>Tokens per e&amp;xample:</source>
        <translation>1 例あたりのトークン数(&amp;X):</translation>
    </message>
    <message>
        <source>Will it fit?</source>
        <translation>収まりますか？</translation>
    </message>
    <message>
        <source>Processor (CPU): %1 of memory free.</source>
        <translation>プロセッサー (CPU): 空きメモリ %1。</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>不明な量</translation>
    </message>
    <message>
        <source>The memory check needs the imported package.</source>
        <translation>メモリの確認には、インポートしたパッケージが必要です。</translation>
    </message>
    <message>
        <source>This run needs about %1 (model %2, training state %3, working memory %4).</source>
        <translation>この実行には約 %1 が必要です（モデル %2、学習状態 %3、作業メモリ %4）。</translation>
    </message>
    <message>
        <source>Free memory is unknown.</source>
        <translation>空きメモリは不明です。</translation>
    </message>
    <message>
        <source>It fits in the %1 free.</source>
        <translation>空きの %1 に収まります。</translation>
    </message>
    <message>
        <source>That is more than the %1 free. A batch size of %2 fits.</source>
        <translation>空きの %1 を超えています。バッチサイズ %2 なら収まります。</translation>
    </message>
    <message>
        <source>That is more than the %1 free, even with a batch size of 1. Use fewer tokens per example or a device with more memory.</source>
        <translation>バッチサイズ 1 でも空きの %1 を超えています。1 例あたりのトークン数を減らすか、メモリの多いデバイスを使ってください。</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2); training runs on it.</source>
        <translation>グラフィックカードを検出しました（%2 中 %1 が空き）。学習はこのカードで実行されます。</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2), but this build cannot train on it; training runs on the processor.</source>
        <translation>グラフィックカードを検出しました（%2 中 %1 が空き）が、このビルドではこのカードで学習できません。学習はプロセッサーで実行されます。</translation>
    </message>
</context>
</TS>
