<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>Offsite Studio desktop app</source>
        <translation>Offsite Studio 桌面应用</translation>
    </message>
    <message>
        <source>a package (.otpkg) to import, or a model folder to inspect</source>
        <translation>要导入的软件包 (.otpkg) 或要查看的模型文件夹</translation>
    </message>
    <message>
        <source>open the main window, then quit at once</source>
        <translation>打开主窗口，然后立即退出</translation>
    </message>
    <message>
        <source>choose this data set in the wizard&apos;s data step</source>
        <translation>在向导的数据步骤中选择此数据集</translation>
    </message>
    <message>
        <source>what the data set is: text, prompt_completion, classification or multiple_choice</source>
        <translation>数据集的类型：text、prompt_completion、classification 或 multiple_choice</translation>
    </message>
    <message>
        <source>unknown task &quot;%1&quot;</source>
        <translation>未知任务“%1”</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ChooseDataPage</name>
    <message>
        <source>&amp;Check data</source>
        <translation>检查数据(&amp;C)</translation>
    </message>
    <message>
        <source>First rows of the data set</source>
        <translation>数据集的前几行</translation>
    </message>
    <message>
        <source>Problems found in the data set</source>
        <translation>数据集中发现的问题</translation>
    </message>
    <message>
        <source>Choose your data</source>
        <translation>选择您的数据</translation>
    </message>
    <message>
        <source>Pick the examples the model should learn from. They are read on this computer and never leave it.</source>
        <translation>选择模型要学习的示例。它们只在这台计算机上读取，绝不会离开这台计算机。</translation>
    </message>
    <message>
        <source>Data sets already in your workspace</source>
        <translation>工作区中已有的数据集</translation>
    </message>
    <message>
        <source>A JSONL, CSV, TSV or text file</source>
        <translation>JSONL、CSV、TSV 或文本文件</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Browse for a data file</source>
        <translation>浏览数据文件</translation>
    </message>
    <message>
        <source>Choose a data file</source>
        <translation>选择数据文件</translation>
    </message>
    <message>
        <source>Data files (*.jsonl *.csv *.tsv *.txt);;All files (*)</source>
        <translation>数据文件 (*.jsonl *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>File format</source>
        <translation>文件格式</translation>
    </message>
    <message>
        <source>JSON Lines (.jsonl)</source>
        <translation>JSON Lines (.jsonl)</translation>
    </message>
    <message>
        <source>Comma-separated (.csv)</source>
        <translation>逗号分隔 (.csv)</translation>
    </message>
    <message>
        <source>Tab-separated (.tsv)</source>
        <translation>制表符分隔 (.tsv)</translation>
    </message>
    <message>
        <source>Plain text, one example per line</source>
        <translation>纯文本，每行一个示例</translation>
    </message>
    <message>
        <source>What the examples teach</source>
        <translation>示例要教会模型什么</translation>
    </message>
    <message>
        <source>Reads the whole file and lists anything that needs fixing.</source>
        <translation>读取整个文件，并列出所有需要修正的地方。</translation>
    </message>
    <message>
        <source>&amp;Earlier data set:</source>
        <translation>以前的数据集(&amp;E)：</translation>
    </message>
    <message>
        <source>Data &amp;file:</source>
        <translation>数据文件(&amp;F)：</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>格式(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>发现的问题(&amp;F)</translation>
    </message>
    <message>
        <source>— a new file —</source>
        <translation>— 新文件 —</translation>
    </message>
    <message>
        <source>Choose a data file first.</source>
        <translation>请先选择数据文件。</translation>
    </message>
    <message>
        <source>Reading the data…</source>
        <translation>正在读取数据…</translation>
    </message>
    <message>
        <source>This file cannot be used: %1</source>
        <translation>无法使用此文件：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n usable example(s) of %1 read.</source>
        <translation>
            <numerusform>已读取 %1 个，其中 %n 个示例可用。</numerusform>
        </translation>
    </message>
    <message>
        <source>Some rows must be fixed before training; see the findings below.</source>
        <translation>训练前必须修正部分行；请查看下方发现的问题。</translation>
    </message>
    <message>
        <source>Add more examples: at least two are needed.</source>
        <translation>请添加更多示例：至少需要两个。</translation>
    </message>
    <message>
        <source>Could not record the data set: %1</source>
        <translation>无法记录数据集：%1</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Nothing blocks training; the findings are worth a look.</source>
        <translation>没有阻止训练的问题；不过值得看一下发现的问题。</translation>
    </message>
    <message>
        <source>Use the &amp;demo reviews</source>
        <translation>使用演示评论(&amp;D)</translation>
    </message>
    <message>
        <source>The bundled example data: 4,000 food product reviews, each labelled great or other.</source>
        <translation>随附的示例数据：4,000 条食品评论，每条标记为 great 或 other。</translation>
    </message>
    <message>
        <source>The demo data are not installed.</source>
        <translation>未安装演示数据。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::DatasetPreviewModel</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>补全</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>提示与补全</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多项选择</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>offsite::ui::EvaluatePage</name>
    <message>
        <source>Check the result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>How well the model predicts the examples it did not train on. Lower is better.</source>
        <translation>模型对未参与训练的示例的预测效果。数值越低越好。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Measured on the emulator.&lt;/b&gt; These numbers come from the compressed stand-in model in the package, not the owner&apos;s full model. The owner measures the final model after adding your adapter.</source>
        <translation>&lt;b&gt;在模拟器上测得。&lt;/b&gt;这些数值来自软件包中压缩的替代模型，而不是所有者的完整模型。所有者会在加入您的适配器后测量最终模型。</translation>
    </message>
    <message>
        <source>Perplexity before training (emulator):</source>
        <translation>训练前困惑度（模拟器）：</translation>
    </message>
    <message>
        <source>Perplexity after training (emulator):</source>
        <translation>训练后困惑度（模拟器）：</translation>
    </message>
    <message>
        <source>Change:</source>
        <translation>变化：</translation>
    </message>
    <message>
        <source>There is no held-out data to measure.</source>
        <translation>没有可用于测量的保留数据。</translation>
    </message>
    <message>
        <source>Measuring on the emulator…</source>
        <translation>正在模拟器上测量…</translation>
    </message>
    <message>
        <source>Could not measure: %1</source>
        <translation>无法测量：%1</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Training helped: the emulator predicts your held-out examples better.</source>
        <translation>训练有效：模拟器能更好地预测您保留的示例。</translation>
    </message>
    <message>
        <source>Training did not improve the emulator&apos;s predictions. Try the Balanced or Thorough preset or add more examples.</source>
        <translation>训练没有改善模拟器的预测。请尝试“均衡”或“深入”预设，或添加更多示例。</translation>
    </message>
    <message>
        <source>&amp;Sample predictions on held-out examples (measured on the emulator)</source>
        <translation>留出样本上的示例预测（在仿真模型上测得）(&amp;S)</translation>
    </message>
    <message>
        <source>Sample predictions of the tuned emulator</source>
        <translation>微调后仿真模型的示例预测</translation>
    </message>
    <message>
        <source>Held-out examples with the expected answer and the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>留出样本及其预期答案和微调后仿真模型的答案。所有者的最终模型可能给出不同的答案。</translation>
    </message>
    <message>
        <source>The held-out part of your data has no examples to show.</source>
        <translation>数据的留出部分没有可显示的样本。</translation>
    </message>
    <message numerus="yes">
        <source>%n held-out example(s) with the tuned emulator&apos;s answer. The owner&apos;s final model may answer differently.</source>
        <translation>
            <numerusform>%n 个留出样本及微调后仿真模型的答案。所有者的最终模型可能给出不同的答案。</numerusform>
        </translation>
    </message>
    <message>
        <source>No sample predictions: %1</source>
        <translation>没有示例预测：%1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ExportPage</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export the tuned adapter</source>
        <translation>导出调优后的适配器</translation>
    </message>
    <message>
        <source>This is everything that will leave this computer. Check it, then export.</source>
        <translation>以下是将要离开这台计算机的全部内容。请检查后再导出。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No data are included.&lt;/b&gt; The export holds only the adapter&apos;s numbers listed below. Your examples, their file names and the evaluation stay on this computer.</source>
        <translation>&lt;b&gt;不包含任何数据。&lt;/b&gt;导出内容只有下面列出的适配器数值。您的示例、其文件名和评估结果都留在这台计算机上。</translation>
    </message>
    <message>
        <source>Tensors in the export</source>
        <translation>导出中的张量</translation>
    </message>
    <message>
        <source>Where to save the export</source>
        <translation>导出的保存位置</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Save the export</source>
        <translation>保存导出文件</translation>
    </message>
    <message>
        <source>Encrypted exports (*.age)</source>
        <translation>加密的导出文件 (*.age)</translation>
    </message>
    <message>
        <source>Encrypted for:</source>
        <translation>加密给：</translation>
    </message>
    <message>
        <source>&amp;Save to:</source>
        <translation>保存到(&amp;S)：</translation>
    </message>
    <message>
        <source>Ready to export.</source>
        <translation>可以导出了。</translation>
    </message>
    <message>
        <source>Choose where to save the export.</source>
        <translation>请选择导出的保存位置。</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Show the full &amp;listing</source>
        <translation>显示完整清单(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Create key…</source>
        <translation>创建密钥(&amp;C)…</translation>
    </message>
    <message>
        <source>The listing written into the export</source>
        <translation>写入导出文件的清单</translation>
    </message>
    <message>
        <source>Your key pair file (.offsitekey)</source>
        <translation>您的密钥对文件（.offsitekey）</translation>
    </message>
    <message>
        <source>Your signing key file</source>
        <translation>您的签名密钥文件</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>Browse for your signing key file</source>
        <translation>浏览您的签名密钥文件</translation>
    </message>
    <message>
        <source>Choose your signing key</source>
        <translation>选择您的签名密钥</translation>
    </message>
    <message>
        <source>Offsite key pairs (*.offsitekey);;All files (*)</source>
        <translation>Offsite 密钥对 (*.offsitekey);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Creates a key pair protected by a passphrase; the model owner uses its public half to check that exports come from you.</source>
        <translation>创建一个受口令保护的密钥对；模型所有者用其公钥部分核实导出来自您。</translation>
    </message>
    <message>
        <source>Files:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Si&amp;gned with:</source>
        <translation>签名密钥(&amp;G)：</translation>
    </message>
    <message>
        <source>Checking what will be exported…</source>
        <translation>正在检查将要导出的内容…</translation>
    </message>
    <message>
        <source>Nothing can be exported.</source>
        <translation>没有可导出的内容。</translation>
    </message>
    <message>
        <source>This adapter cannot be exported: %1</source>
        <translation>无法导出此适配器：%1</translation>
    </message>
    <message>
        <source>%1 — written with the export (see the full listing)</source>
        <translation>%1 — 随导出一起写入（见完整清单）</translation>
    </message>
    <message>
        <source>%1 — %2, SHA-256 %3</source>
        <translation>%1 — %2，SHA-256 %3</translation>
    </message>
    <message>
        <source>%1, key fingerprint %2 (only the holder of this key can open the export)</source>
        <translation>%1，密钥指纹 %2（只有此密钥的持有者才能打开导出文件）</translation>
    </message>
    <message>
        <source>You need a signing key: the model owner checks with it that the export comes from you. Create one, or choose the key file that `offsite keygen --role data-owner` made.</source>
        <translation>您需要一个签名密钥：模型所有者用它核实导出来自您。请创建一个，或选择 `offsite keygen --role data-owner` 生成的密钥文件。</translation>
    </message>
    <message>
        <source>There is no key file at %1. Create a key there, or choose another file.</source>
        <translation>%1 处没有密钥文件。请在那里创建密钥，或选择其他文件。</translation>
    </message>
    <message>
        <source>Exports are signed with this key. The model owner needs its public half, %1, once.</source>
        <translation>导出使用此密钥签名。模型所有者需要一次性获得其公钥部分 %1。</translation>
    </message>
    <message>
        <source>%1 already exists, and a key is never overwritten. Choose it with Browse, or type another file name.</source>
        <translation>%1 已存在，密钥绝不会被覆盖。请用“浏览”选择它，或输入其他文件名。</translation>
    </message>
    <message>
        <source>No key was created.</source>
        <translation>未创建密钥。</translation>
    </message>
    <message>
        <source>Creating your signing key…</source>
        <translation>正在创建您的签名密钥…</translation>
    </message>
    <message>
        <source>The key was not created: %1</source>
        <translation>未能创建密钥：%1</translation>
    </message>
    <message>
        <source>Your signing key was created (fingerprint %1). Send %2 to the model owner, so they can check that exports come from you.</source>
        <translation>已创建您的签名密钥（指纹 %1）。请将 %2 发送给模型所有者，以便其核实导出来自您。</translation>
    </message>
    <message>
        <source>Create or choose your signing key first.</source>
        <translation>请先创建或选择您的签名密钥。</translation>
    </message>
    <message>
        <source>Not exported.</source>
        <translation>未导出。</translation>
    </message>
    <message>
        <source>Encrypting and signing…</source>
        <translation>正在加密并签名…</translation>
    </message>
    <message>
        <source>The export was stopped; nothing was written.</source>
        <translation>导出已停止；未写入任何内容。</translation>
    </message>
    <message>
        <source>It was not recorded in the workspace: %1</source>
        <translation>未记录到工作区：%1</translation>
    </message>
    <message>
        <source>Exported to %1, signed in %2. Send both files to the publisher.</source>
        <translation>已导出到 %1，签名位于 %2。请将这两个文件发送给发布者。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FindingTableModel</name>
    <message>
        <source>Must fix</source>
        <translation>必须修正</translation>
    </message>
    <message>
        <source>Worth a look</source>
        <translation>值得一看</translation>
    </message>
    <message>
        <source>, line %1</source>
        <translation>，第 %1 行</translation>
    </message>
    <message>
        <source>, field “%1”</source>
        <translation>，字段“%1”</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>处理方法</translation>
    </message>
</context>
<context>
    <name>offsite::ui::FineTuningWizard</name>
    <message>
        <source>&amp;Done</source>
        <translation>完成(&amp;D)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ImportPackagePage</name>
    <message>
        <source>&amp;Check package</source>
        <translation>检查软件包(&amp;C)</translation>
    </message>
    <message>
        <source>New publisher</source>
        <translation>新发布者</translation>
    </message>
    <message>
        <source>I compared this fingerprint with the publisher and &amp;trust this key</source>
        <translation>我已与发布者核对此指纹，并信任此密钥(&amp;T)</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可协议</translation>
    </message>
    <message>
        <source>I &amp;accept the licence</source>
        <translation>我接受许可协议(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Import package</source>
        <translation>导入软件包(&amp;I)</translation>
    </message>
    <message>
        <source>Import a model package</source>
        <translation>导入模型软件包</translation>
    </message>
    <message>
        <source>The model&apos;s owner sends you a signed package (.otpkg). Choose it or drop it here; it is checked before anything is unpacked.</source>
        <translation>模型所有者会发给您一个已签名的软件包 (.otpkg)。请选择它或拖放到这里；在解包任何内容之前都会先进行检查。</translation>
    </message>
    <message>
        <source>Choose a .otpkg file or drop it on this page</source>
        <translation>选择 .otpkg 文件或将其拖放到此页面</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>软件包文件</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Browse for a package file</source>
        <translation>浏览软件包文件</translation>
    </message>
    <message>
        <source>Choose a model package</source>
        <translation>选择模型软件包</translation>
    </message>
    <message>
        <source>Offsite packages (*.otpkg)</source>
        <translation>Offsite 软件包 (*.otpkg)</translation>
    </message>
    <message>
        <source>The publisher&apos;s public key file (.pub)</source>
        <translation>发布者的公钥文件 (.pub)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public key file</source>
        <translation>发布者的公钥文件</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>Browse for the publisher&apos;s public key file</source>
        <translation>浏览发布者的公钥文件</translation>
    </message>
    <message>
        <source>Choose the publisher&apos;s public key</source>
        <translation>选择发布者的公钥</translation>
    </message>
    <message>
        <source>Public keys (*.pub);;All files (*)</source>
        <translation>公钥 (*.pub);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Publisher&apos;s public &amp;key:</source>
        <translation>发布者的公钥(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Package:</source>
        <translation>软件包(&amp;P)：</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you the same fingerprint by phone, in person or another channel you trust.</source>
        <translation>只有在发布者通过电话、当面或其他您信任的渠道告诉您相同的指纹后，才勾选此项。</translation>
    </message>
    <message>
        <source>Licence text</source>
        <translation>许可协议文本</translation>
    </message>
    <message>
        <source>No workspace is open. Choose a workspace folder in Settings.</source>
        <translation>没有打开的工作区。请在“设置”中选择工作区文件夹。</translation>
    </message>
    <message>
        <source>Choose a package file first.</source>
        <translation>请先选择软件包文件。</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在检查软件包…</translation>
    </message>
    <message>
        <source>This package is signed by a publisher you have not trusted yet. Choose the public key file (.pub) the publisher gave you, then check again.</source>
        <translation>此软件包由您尚未信任的发布者签名。请选择发布者给您的公钥文件 (.pub)，然后再检查一次。</translation>
    </message>
    <message>
        <source>The check was stopped.</source>
        <translation>检查已停止。</translation>
    </message>
    <message>
        <source>Do not use this package. %1</source>
        <translation>请勿使用此软件包。%1</translation>
    </message>
    <message numerus="yes">
        <source>Usable until %1 (%n day(s) left).</source>
        <translation>
            <numerusform>可使用至 %1（还剩 %n 天）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1”, key fingerprint %2. This is the first package from this key. Ask the publisher to read you the fingerprint and compare it.</source>
        <translation>发布者“%1”，密钥指纹 %2。这是来自此密钥的第一个软件包。请让发布者把指纹念给您听并进行比对。</translation>
    </message>
    <message>
        <source>The package was not imported: %1</source>
        <translation>软件包未导入：%1</translation>
    </message>
    <message>
        <source>Imported. The licence acceptance is recorded in your workspace&apos;s history.</source>
        <translation>已导入。接受许可协议的记录已保存在工作区历史中。</translation>
    </message>
    <message>
        <source>Changed since the version you imported before</source>
        <translation>与您之前导入的版本相比有变化</translation>
    </message>
    <message>
        <source>The publisher confirmed these changes to me; import any&amp;way</source>
        <translation>发布者已向我确认这些变化；仍然导入(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Do not import</source>
        <translation>不导入(&amp;D)</translation>
    </message>
    <message>
        <source>Only tick this after the publisher told you about these changes by phone, in person or another channel you trust. A changed export key means your exports go to whoever holds the new key.</source>
        <translation>只有在发布者通过电话、当面或其他您信任的渠道告知您这些变化后才勾选此项。导出密钥变化意味着您的导出将发给持有新密钥的人。</translation>
    </message>
    <message>
        <source>Leaves your workspace as it is.</source>
        <translation>保持您的工作区不变。</translation>
    </message>
    <message>
        <source>The public key file you chose did not sign this package. Ask the publisher for the key that matches this package, then check again.</source>
        <translation>您选择的公钥文件没有签署此包。请向发布者索取与此包匹配的密钥，然后重新检查。</translation>
    </message>
    <message>
        <source>This package is already in your workspace; you can continue with it.</source>
        <translation>此包已在您的工作区中；您可以继续使用它。</translation>
    </message>
    <message>
        <source>This package differs from what you imported before from this publisher:</source>
        <translation>此包与您之前从该发布者导入的内容不同：</translation>
    </message>
    <message>
        <source>Import it only if the publisher told you about these changes. Otherwise choose “Do not import”: nothing in your workspace changes.</source>
        <translation>只有在发布者告知您这些变化时才导入。否则请选择“不导入”：您的工作区不会有任何变化。</translation>
    </message>
    <message>
        <source>Not imported. Nothing in your workspace was changed.</source>
        <translation>未导入。您的工作区没有任何更改。</translation>
    </message>
    <message>
        <source>Ca&amp;ncel import</source>
        <translation>取消导入(&amp;N)</translation>
    </message>
    <message>
        <source>Checks the signature, the publisher&apos;s key and the expiry date.</source>
        <translation>检查签名、发布者的密钥和到期日期。</translation>
    </message>
    <message>
        <source>Stops the import; nothing in your workspace changes.</source>
        <translation>停止导入；您的工作区不会有任何变化。</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>导入进度</translation>
    </message>
    <message numerus="yes">
        <source>Genuine: %1 version %2 from %3, signed by the key with fingerprint %4. Each of its %n file(s) is checked against what the publisher signed while it is imported.</source>
        <translation>
            <numerusform>真实：来自 %3 的 %1 版本 %2，由指纹为 %4 的密钥签名。导入时会将其 %n 个文件逐一与发布者签名的内容核对。</numerusform>
        </translation>
    </message>
    <message>
        <source>Publisher “%1” changed its signing key (key set version %2): the new key %3 was authorised by the key you trusted before, %4.</source>
        <translation>发布者“%1”更换了签名密钥（密钥集版本 %2）：新密钥 %3 已由您之前信任的密钥 %4 授权。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Checking and unpacking the package…</source>
        <translation>正在检查并解包软件包…</translation>
    </message>
    <message>
        <source>%1 of %2 checked</source>
        <translation>已检查 %1 / %2</translation>
    </message>
    <message>
        <source>Import cancelled. Nothing in your workspace was changed.</source>
        <translation>导入已取消。您的工作区没有任何更改。</translation>
    </message>
    <message>
        <source>Answer the question above to continue the import, or choose “Do not import”.</source>
        <translation>请回答上面的问题以继续导入，或选择“不导入”。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryPage</name>
    <message>
        <source>&amp;Packages</source>
        <translation>软件包(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Data sets</source>
        <translation>数据集(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Exports</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Models you imported from their owners.</source>
        <translation>您从模型所有者处导入的模型。</translation>
    </message>
    <message>
        <source>Your data sets; they never leave this computer.</source>
        <translation>您的数据集；它们绝不会离开这台计算机。</translation>
    </message>
    <message>
        <source>Fine-tuning runs; press Enter on a run to see its charts and history.</source>
        <translation>微调运行；在某个运行上按 Enter 可查看其图表和历史。</translation>
    </message>
    <message>
        <source>Tuned adapters you exported for the model owner.</source>
        <translation>您为模型所有者导出的调优适配器。</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <source>&amp;New fine-tuning…</source>
        <translation>新建微调(&amp;N)…</translation>
    </message>
    <message>
        <source>Import a model package and your data, then fine-tune on this computer.</source>
        <translation>导入模型软件包和您的数据，然后在这台计算机上进行微调。</translation>
    </message>
    <message>
        <source>&amp;Resume run</source>
        <translation>继续运行(&amp;R)</translation>
    </message>
    <message>
        <source>Continues the selected paused or interrupted run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>在微调助手中从最新的检查点继续所选的已暂停或已中断的运行。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::LibraryTableModel</name>
    <message>
        <source>Plain text</source>
        <translation>纯文本</translation>
    </message>
    <message>
        <source>Prompt and completion</source>
        <translation>提示与补全</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Multiple choice</source>
        <translation>多项选择</translation>
    </message>
    <message>
        <source>Not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Publisher</source>
        <translation>发布者</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入时间</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最后更改</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>回执</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
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
        <translation>栏目</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>资料库</translation>
    </message>
    <message>
        <source>Packages, data sets, runs and exports in your workspace.</source>
        <translation>工作区中的软件包、数据集、运行和导出。</translation>
    </message>
    <message>
        <source>Fine-tune</source>
        <translation>微调</translation>
    </message>
    <message>
        <source>The step-by-step fine-tuning assistant.</source>
        <translation>分步微调向导。</translation>
    </message>
    <message>
        <source>Model inspector</source>
        <translation>模型查看器</translation>
    </message>
    <message>
        <source>Look inside a model folder or safetensors file.</source>
        <translation>查看模型文件夹或 safetensors 文件的内容。</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Inspect a model &amp;folder…</source>
        <translation>查看模型文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>资料库(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Fine-tune</source>
        <translation>微调(&amp;F)</translation>
    </message>
    <message>
        <source>Model &amp;inspector</source>
        <translation>模型查看器(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Refresh library</source>
        <translation>刷新资料库(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Offsite Studio</source>
        <translation>关于 Offsite Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About Offsite Studio</source>
        <translation>关于 Offsite Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;Fine-tune a model you do not own on data you do not share. Works offline; nothing is sent anywhere.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Offsite Studio %1&lt;/b&gt;&lt;p&gt;用您不共享的数据微调不属于您的模型。离线工作；不会向任何地方发送任何内容。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not create the workspace folder %1. Choose another folder in Settings.</source>
        <translation>无法创建工作区文件夹 %1。请在“设置”中选择其他文件夹。</translation>
    </message>
    <message>
        <source>Could not open the workspace: %1</source>
        <translation>无法打开工作区：%1</translation>
    </message>
    <message>
        <source>Workspace %1 is ready.</source>
        <translation>工作区 %1 已就绪。</translation>
    </message>
    <message>
        <source>Could not read the library: %1</source>
        <translation>无法读取资料库：%1</translation>
    </message>
    <message>
        <source>Could not open the run: %1</source>
        <translation>无法打开运行：%1</translation>
    </message>
    <message>
        <source>Inspect a model folder</source>
        <translation>查看模型文件夹</translation>
    </message>
    <message>
        <source>Training is paused and its checkpoint saved; closing.</source>
        <translation>训练已暂停，检查点已保存；正在关闭。</translation>
    </message>
    <message>
        <source>Pausing the training run and saving a checkpoint before closing… Resume it later from the library.</source>
        <translation>正在暂停训练并在关闭前保存检查点……稍后可在资料库中继续。</translation>
    </message>
    <message>
        <source>A run is training already; pause or finish it before resuming another.</source>
        <translation>已有一个运行正在训练；请先暂停或完成它，再继续其他运行。</translation>
    </message>
    <message>
        <source>Resuming run %1…</source>
        <translation>正在继续运行 %1……</translation>
    </message>
    <message>
        <source>A run is training in this workspace; pause it before switching workspaces.</source>
        <translation>此工作区中有运行正在训练；切换工作区前请先暂停它。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::Metric</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Tokens per second</source>
        <translation>每秒词元数</translation>
    </message>
    <message>
        <source>Memory (MiB)</source>
        <translation>内存 (MiB)</translation>
    </message>
    <message>
        <source>GPU memory (MiB)</source>
        <translation>GPU 显存 (MiB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU 利用率 (%)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricChart</name>
    <message>
        <source>Show as &amp;table</source>
        <translation>以表格显示(&amp;T)</translation>
    </message>
    <message>
        <source>Training metrics table</source>
        <translation>训练指标表</translation>
    </message>
    <message>
        <source>Every charted point: metric, step and value.</source>
        <translation>图表中的每个点：指标、步数和数值。</translation>
    </message>
    <message>
        <source>Show the metrics as a table</source>
        <translation>以表格显示指标</translation>
    </message>
    <message>
        <source>Switches between the charts and a table of the same numbers.</source>
        <translation>在图表和包含相同数值的表格之间切换。</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Speed (tokens per second)</source>
        <translation>速度（每秒词元数）</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Chart; the same numbers are in the metrics table.</source>
        <translation>图表；相同的数值也在指标表中。</translation>
    </message>
    <message>
        <source>Show as &amp;charts</source>
        <translation>以图表显示(&amp;C)</translation>
    </message>
    <message>
        <source>Memory (MB)</source>
        <translation>内存 (MB)</translation>
    </message>
    <message>
        <source>GPU utilisation (%)</source>
        <translation>GPU 利用率 (%)</translation>
    </message>
    <message>
        <source>This app</source>
        <translation>本应用</translation>
    </message>
    <message>
        <source>GPU</source>
        <translation>GPU</translation>
    </message>
    <message>
        <source>Memory (GB)</source>
        <translation>内存 (GB)</translation>
    </message>
</context>
<context>
    <name>offsite::ui::MetricTableModel</name>
    <message>
        <source>Metric</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>offsite::ui::ModelInspector</name>
    <message>
        <source>Open a model folder or a .safetensors file to see what it contains.</source>
        <translation>打开模型文件夹或 .safetensors 文件以查看其内容。</translation>
    </message>
    <message>
        <source>Problem with the model</source>
        <translation>模型有问题</translation>
    </message>
    <message>
        <source>Filter tensors by name</source>
        <translation>按名称筛选张量</translation>
    </message>
    <message>
        <source>Filter tensors</source>
        <translation>筛选张量</translation>
    </message>
    <message>
        <source>Tensors of the model</source>
        <translation>模型的张量</translation>
    </message>
    <message>
        <source>This model cannot be used: %1</source>
        <translation>无法使用此模型：%1</translation>
    </message>
    <message>
        <source>%1 tensors, %2 parameters, %3</source>
        <translation>%1 个张量，%2 个参数，%3</translation>
    </message>
    <message>
        <source>%1 model with %2 blocks (hidden size %3, vocabulary %4). %5</source>
        <translation>%1 模型，%2 个块（隐藏层大小 %3，词表 %4）。%5</translation>
    </message>
    <message>
        <source>The configuration cannot be used: %1</source>
        <translation>无法使用此配置：%1</translation>
    </message>
</context>
<context>
    <name>offsite::ui::PassphraseDialog</name>
    <message>
        <source>Create your signing key</source>
        <translation>创建您的签名密钥</translation>
    </message>
    <message>
        <source>Open your signing key</source>
        <translation>打开您的签名密钥</translation>
    </message>
    <message>
        <source>Choose a passphrase for your new signing key (%1). It protects the key on this computer; nobody can recover it if you forget it.</source>
        <translation>为您的新签名密钥（%1）选择一个口令。它在这台计算机上保护密钥；如果您忘记了，任何人都无法找回。</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (%1).</source>
        <translation>输入您的签名密钥（%1）的口令。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>口令</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>再次输入口令</translation>
    </message>
    <message>
        <source>&amp;Passphrase:</source>
        <translation>口令(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Again:</source>
        <translation>再次输入(&amp;A)：</translation>
    </message>
    <message>
        <source>A key needs a passphrase.</source>
        <translation>密钥需要口令。</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>The passphrases match.</source>
        <translation>两次输入的口令一致。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::RunDetailPage</name>
    <message>
        <source>%1  Run created</source>
        <translation>%1  已创建运行</translation>
    </message>
    <message>
        <source>%1  %2 → %3</source>
        <translation>%1  %2 → %3</translation>
    </message>
    <message>
        <source>%1  Checkpoint saved at step %2</source>
        <translation>%1  已在第 %2 步保存检查点</translation>
    </message>
    <message>
        <source>%1  Evaluated</source>
        <translation>%1  已评估</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>← &amp;Library</source>
        <translation>← 资料库(&amp;L)</translation>
    </message>
    <message>
        <source>Back to the library</source>
        <translation>返回资料库</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>历史(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Continues this run from its newest checkpoint in the fine-tuning assistant.</source>
        <translation>在微调助手中从最新的检查点继续此运行。</translation>
    </message>
    <message>
        <source>%1  Exported, encrypted for the model owner</source>
        <translation>%1  已导出，已为模型所有者加密</translation>
    </message>
</context>
<context>
    <name>offsite::ui::SamplePredictionModel</name>
    <message>
        <source>(nothing generated)</source>
        <translation>（未生成内容）</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Correct label</source>
        <translation>正确标签</translation>
    </message>
    <message>
        <source>Expected completion</source>
        <translation>预期补全</translation>
    </message>
    <message>
        <source>Predicted label (emulator)</source>
        <translation>预测标签（仿真模型）</translation>
    </message>
    <message>
        <source>Generated (emulator)</source>
        <translation>生成结果（仿真模型）</translation>
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
        <translation>设置</translation>
    </message>
    <message>
        <source>Workspace folder</source>
        <translation>工作区文件夹</translation>
    </message>
    <message>
        <source>Where packages, data sets, runs and exports are kept on this computer.</source>
        <translation>软件包、数据集、运行和导出在这台计算机上的存放位置。</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Choose the workspace folder</source>
        <translation>选择工作区文件夹</translation>
    </message>
    <message>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <source>Automatic (graphics card when available)</source>
        <translation>自动（有显卡时使用显卡）</translation>
    </message>
    <message>
        <source>Processor (CPU) only</source>
        <translation>仅处理器 (CPU)</translation>
    </message>
    <message>
        <source>NVIDIA graphics card (CUDA)</source>
        <translation>NVIDIA 显卡 (CUDA)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>&amp;Workspace folder:</source>
        <translation>工作区文件夹(&amp;W)：</translation>
    </message>
    <message>
        <source>&amp;Compute device:</source>
        <translation>计算设备(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>Light and dark appearance follow your system. A new language applies the next time Offsite Studio starts.</source>
        <translation>浅色和深色外观跟随系统设置。新的语言将在下次启动 Offsite Studio 时生效。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TensorTableModel</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
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
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>Stop and s&amp;ave</source>
        <translation>停止并保存(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>取消训练(&amp;C)</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Training progress</source>
        <translation>训练进度</translation>
    </message>
    <message>
        <source>Step %v of %m</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <source>Saves a checkpoint at the next step; Resume continues exactly there.</source>
        <translation>在下一步保存检查点；“继续”会从那里精确接着训练。</translation>
    </message>
    <message>
        <source>Ends training at the next step and keeps the adapter trained so far.</source>
        <translation>在下一步结束训练，并保留到目前为止训练好的适配器。</translation>
    </message>
    <message>
        <source>Stops at the next step; nothing of this run is kept.</source>
        <translation>在下一步停止；不保留此次运行的任何结果。</translation>
    </message>
    <message numerus="yes">
        <source>Ready to train for %n step(s).</source>
        <translation>
            <numerusform>准备训练 %n 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import a package and choose data first.</source>
        <translation>请先导入软件包并选择数据。</translation>
    </message>
    <message>
        <source>Could not start: %1</source>
        <translation>无法开始：%1</translation>
    </message>
    <message>
        <source>Preparing your data…</source>
        <translation>正在准备您的数据…</translation>
    </message>
    <message>
        <source>Stopping at the next step and saving the adapter…</source>
        <translation>将在下一步停止并保存适配器…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>正在训练…</translation>
    </message>
    <message>
        <source>About %1 left</source>
        <translation>大约还剩 %1</translation>
    </message>
    <message>
        <source>Training was cancelled. You can start again.</source>
        <translation>训练已取消。您可以重新开始。</translation>
    </message>
    <message>
        <source>Cancelling at the next step…</source>
        <translation>将在下一步取消…</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %n step(s); the adapter so far is saved.</source>
        <translation>
            <numerusform>已在 %n 步后停止；目前的适配器已保存。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s).</source>
        <translation>
            <numerusform>已完成 %n 步。</numerusform>
        </translation>
    </message>
    <message>
        <source>Validation loss %1.</source>
        <translation>验证损失 %1。</translation>
    </message>
    <message>
        <source>Training stopped with a problem: %1</source>
        <translation>训练因问题而停止：%1</translation>
    </message>
    <message>
        <source>The adapter learns from your data on this computer. You can keep using the app meanwhile; closing it pauses training, and the library resumes it later.</source>
        <translation>适配器在这台计算机上从您的数据中学习。期间您可以继续使用本应用；关闭应用会暂停训练，之后可在资料库中继续。</translation>
    </message>
    <message>
        <source>Resuming from the newest checkpoint…</source>
        <translation>正在从最新的检查点继续……</translation>
    </message>
    <message>
        <source>Resumed run %1; continuing from its newest checkpoint…</source>
        <translation>已继续运行 %1；正在从其最新的检查点继续……</translation>
    </message>
    <message>
        <source>Pausing at the next step and saving a checkpoint…</source>
        <translation>将在下一步暂停并保存检查点……</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation>无法取消：%1</translation>
    </message>
    <message>
        <source>Paused after step %1. Resume continues exactly where training stopped; the checkpoint is saved in the workspace.</source>
        <translation>已在第 %1 步后暂停。继续将从训练停止的位置精确接续；检查点已保存在工作区中。</translation>
    </message>
    <message>
        <source>Training was cancelled at step %1; no adapter was saved. You can start again.</source>
        <translation>训练已在第 %1 步取消；未保存适配器。您可以重新开始。</translation>
    </message>
    <message>
        <source>No NVIDIA GPU monitor: showing this app&apos;s memory (%1).</source>
        <translation>没有 NVIDIA GPU 监视器：显示本应用的内存（%1）。</translation>
    </message>
    <message>
        <source>GPU memory and utilisation of %1, from NVIDIA&apos;s driver.</source>
        <translation>%1 的 GPU 显存和利用率，来自 NVIDIA 驱动程序。</translation>
    </message>
</context>
<context>
    <name>offsite::ui::TrainingSettingsPage</name>
    <message>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <source>Use the &amp;suggested batch size</source>
        <translation>使用建议的批大小(&amp;S)</translation>
    </message>
    <message>
        <source>Choose how thoroughly to train</source>
        <translation>选择训练的充分程度</translation>
    </message>
    <message>
        <source>Start with a preset. Longer training usually fits your data better but takes more time.</source>
        <translation>先从预设开始。训练时间越长，通常越贴合您的数据，但耗时也更多。</translation>
    </message>
    <message>
        <source>&amp;Quick</source>
        <translation>快速(&amp;Q)</translation>
    </message>
    <message>
        <source>A short run to see that everything works (minutes).</source>
        <translation>短时间运行，确认一切正常（几分钟）。</translation>
    </message>
    <message>
        <source>&amp;Balanced</source>
        <translation>均衡(&amp;B)</translation>
    </message>
    <message>
        <source>A good first result for most data sets.</source>
        <translation>对大多数数据集都能得到不错的初步结果。</translation>
    </message>
    <message>
        <source>T&amp;horough</source>
        <translation>深入(&amp;H)</translation>
    </message>
    <message>
        <source>The most training; best with a few thousand examples or more.</source>
        <translation>训练量最大；最适合有几千个或更多示例的情况。</translation>
    </message>
    <message>
        <source>Change the numbers behind the preset.</source>
        <translation>修改预设背后的数值。</translation>
    </message>
    <message>
        <source>Training steps</source>
        <translation>训练步数</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Tokens per example</source>
        <translation>每个示例的词元数</translation>
    </message>
    <message>
        <source>Training s&amp;teps:</source>
        <translation>训练步数(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Learning rate:</source>
        <translation>学习率(&amp;L)：</translation>
    </message>
    <message>
        <source>Batch si&amp;ze:</source>
        <translation>批大小(&amp;Z)：</translation>
    </message>
    <message>
        <source>Tokens per e&amp;xample:</source>
        <translation>每个示例的词元数(&amp;X)：</translation>
    </message>
    <message>
        <source>Will it fit?</source>
        <translation>能放得下吗？</translation>
    </message>
    <message>
        <source>Processor (CPU): %1 of memory free.</source>
        <translation>处理器 (CPU)：可用内存 %1。</translation>
    </message>
    <message>
        <source>an unknown amount</source>
        <translation>数量未知</translation>
    </message>
    <message>
        <source>The memory check needs the imported package.</source>
        <translation>内存检查需要已导入的软件包。</translation>
    </message>
    <message>
        <source>This run needs about %1 (model %2, training state %3, working memory %4).</source>
        <translation>此次运行大约需要 %1（模型 %2，训练状态 %3，工作内存 %4）。</translation>
    </message>
    <message>
        <source>Free memory is unknown.</source>
        <translation>可用内存未知。</translation>
    </message>
    <message>
        <source>It fits in the %1 free.</source>
        <translation>可以放入可用的 %1 中。</translation>
    </message>
    <message>
        <source>That is more than the %1 free. A batch size of %2 fits.</source>
        <translation>这超过了可用的 %1。批大小为 %2 时可以放下。</translation>
    </message>
    <message>
        <source>That is more than the %1 free, even with a batch size of 1. Use fewer tokens per example or a device with more memory.</source>
        <translation>即使批大小为 1，也超过了可用的 %1。请减少每个示例的词元数，或使用内存更大的设备。</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2); training runs on it.</source>
        <translation>已找到显卡（%2 中 %1 可用）；训练在显卡上运行。</translation>
    </message>
    <message>
        <source>Graphics card found (%1 free of %2), but this build cannot train on it; training runs on the processor.</source>
        <translation>已找到显卡（%2 中 %1 可用），但此版本无法在其上训练；训练在处理器上运行。</translation>
    </message>
</context>
</TS>
