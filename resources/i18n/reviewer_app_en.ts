<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
    <context>
        <name>AnswersTab</name>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="42" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="75" />
            <source>被扶養者を選択すると調査票の回答を表示します。</source>
            <translation>Select a dependent to see the survey answers.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="140" />
            <source>有</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="140" />
            <source>無</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="143" />
            <source>確認事項</source>
            <translation>Points to check</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="147" />
            <source>回答に不整合は見つかりませんでした。</source>
            <translation>No inconsistencies were found in the answers.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="154" />
            <source>要確認 {warn}件・参考 {info}件</source>
            <translation>{warn} to check, {info} for information</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="156" />
            <source>質問{n}: </source>
            <translation>Question {n}: </translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="161" />
            <source>被保険者</source>
            <translation>Insured</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="164" />
            <source>記号・番号</source>
            <translation>Card symbol/number</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="166" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="185" />
            <source>氏名</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="167" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="186" />
            <source>カナ</source>
            <translation>Kana</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="168" />
            <source>事業所</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="170" />
            <source>社員コード</source>
            <translation>Employee code</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="175" />
            <source>1. 被保険者(本人)の健康保険証保有状況</source>
            <translation>1. Insured's health insurance card</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="177" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="205" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="214" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="250" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="263" />
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="277" />
            <source>未回答</source>
            <translation>Not answered</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="183" />
            <source>2. 調査対象である被扶養者(家族)の基本情報の確認</source>
            <translation>2. Basic details of the dependent</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="187" />
            <source>続柄</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="188" />
            <source>生年月日</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="189" />
            <source>認定日</source>
            <translation>Certified on</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="191" />
            <source>処理状態</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="192" />
            <source>提出日時</source>
            <translation>Submitted at</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="195" />
            <source>基本情報の確認</source>
            <translation>Basic details</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="196" />
            <source>確認済</source>
            <translation>Confirmed</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="197" />
            <source>相違あり</source>
            <translation>Differs</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="203" />
            <source>3. 被扶養者(家族)の健康保険証保有状況</source>
            <translation>3. Dependent's health insurance card</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="211" />
            <source>4. 被扶養者(家族)の現在の職業と収入見込</source>
            <translation>4. Dependent's occupation and expected income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="217" />
            <source>収入見込の対象期間: {year}年1月～12月</source>
            <translation>Income period: January–December {year}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="246" />
            <source>5. 年収: 上記②～④以外に一時的収入などがある場合(遺産相続など)</source>
            <translation>5. Other one-off income besides ②–④ (inheritance etc.)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="253" />
            <source>記入なし</source>
            <translation>None entered</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="254" />
            <source>その他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="260" />
            <source>6. 被保険者と被扶養者は同居か別居か</source>
            <translation>6. Living together or apart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="266" />
            <source>同居・別居</source>
            <translation>Living together/apart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="268" />
            <source>別居日</source>
            <translation>Living apart since</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="275" />
            <source>7. 連絡欄</source>
            <translation>7. Notes to the insurer</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="277" />
            <source>(記入なし)</source>
            <translation>(none entered)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="285" />
            <source>自治体照会の収入 (マイナンバー情報連携)</source>
            <translation>Income from the municipality (My Number data link)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="290" />
            <source>照会結果なし</source>
            <translation>No municipal data</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="297" />
            <source>対象年</source>
            <translation>Target year</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="297" />
            <source>{year}年</source>
            <translation>{year}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="298" />
            <source>給与収入</source>
            <translation>Salary income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="299" />
            <source>公的年金等収入</source>
            <translation>Public pension income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/answers_tab.py" line="300" />
            <source>合計所得</source>
            <translation>Total income</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../../reviewer_app/ui/app.py" line="50" />
            <source>被扶養者資格調査 審査</source>
            <translation>Dependent Eligibility Survey Review</translation>
        </message>
    </context>
    <context>
        <name>BulkActions</name>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="50" />
            <source>未提出者を除外で提案</source>
            <translation>Propose exclusion of non-submitters</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="51" />
            <source>選択した{count}件のうち、調査票が未提出の被扶養者を扶養除外として提案します。よろしいですか？</source>
            <translation>Of the {count} selected cases, the dependents who did not submit the survey will be proposed for exclusion. Continue?</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="56" />
            <source>除外の提案</source>
            <translation>Exclusion proposals</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="56" />
            <source>{done}件を除外で提案しました。</source>
            <translation>{done} cases were proposed for exclusion.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="57" />
            <source>除外で提案できません</source>
            <translation>Cannot propose exclusions</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="63" />
            <source>選択を承認</source>
            <translation>Approve selected</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="64" />
            <source>選択した{count}件の判定案を承認します。よろしいですか？</source>
            <translation>Approve the proposals of the {count} selected cases?</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="69" />
            <source>一括承認</source>
            <translation>Bulk approval</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="69" />
            <source>{done}件を承認しました。</source>
            <translation>{done} cases were approved.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="70" />
            <source>承認できません</source>
            <translation>Cannot approve</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="89" />
            <source>{skipped}件は対象外でした:</source>
            <translation>{skipped} cases were skipped:</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/bulk.py" line="93" />
            <source>ほか{more}件</source>
            <translation>and {more} more</translation>
        </message>
    </context>
    <context>
        <name>CaseHeader</name>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="41" />
            <source>← キューに戻る</source>
            <translation>← Back to queue</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="55" />
            <source>担当を外す</source>
            <translation>Release</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="57" />
            <source>この案件の担当をやめ、ほかの人が開けるようにします</source>
            <translation>Stop holding this case so that someone else can open it</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="59" />
            <location filename="../../reviewer_app/ui/case/header.py" line="93" />
            <source>前の案件</source>
            <translation>Previous case</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="61" />
            <source>前の案件 (Ctrl+Shift+←)</source>
            <translation>Previous case (Ctrl+Shift+←)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="63" />
            <location filename="../../reviewer_app/ui/case/header.py" line="92" />
            <source>次の案件</source>
            <translation>Next case</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="65" />
            <source>次の案件 (Ctrl+Shift+→)</source>
            <translation>Next case (Ctrl+Shift+→)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="94" />
            <source>キューに戻る</source>
            <translation>Back to the queue</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="97" />
            <source>「{tab}」タブを開く</source>
            <translation>Open the “{tab}” tab</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="110" />
            <source>案件 {id} を開いています…</source>
            <translation>Opening case {id}…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="113" />
            <source>案件を開けませんでした</source>
            <translation>The case could not be opened</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="117" />
            <source>案件 {id}　{name}（{relation}）　被保険者 {insured}</source>
            <translation>Case {id}  {name} ({relation})  insured: {insured}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="129" />
            <source>判定の記録が検証できません（改ざんのおそれ）: {problems}</source>
            <translation>The decision record does not verify (it may have been altered): {problems}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="141" />
            <source>承認待ちのため、内容は変更できません。</source>
            <translation>Awaiting approval: nothing can be changed.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="143" />
            <source>完了した案件です。閲覧のみできます。</source>
            <translation>This case is done: read only.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="145" />
            <source>{name}さんが審査中です。閲覧のみできます。</source>
            <translation>{name} is reviewing this case: read only.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="148" />
            <source>担当者がいない案件です。閲覧のみできます。</source>
            <translation>Nobody holds this case: read only.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="150" />
            <source>審査開始後に会員が回答または書類を更新しています。</source>
            <translation>The member updated answers or documents after the review started.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="161" />
            <source>期限後</source>
            <translation>after the deadline</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="161" />
            <source>期限内</source>
            <translation>on time</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="162" />
            <source>不備連絡(回答期限 {deadline})に再提出がありました({when})。</source>
            <translation>The member re-submitted after the deficiency notice (reply by {deadline}), {when}. </translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="164" />
            <source>【新着】の書類を確認してください。</source>
            <translation>Check the documents marked [New].</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="166" />
            <source>不備連絡の回答期限({deadline})を過ぎても再提出がありません。</source>
            <translation>Nothing was re-submitted by the notice's reply deadline ({deadline}).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="176" />
            <source>保存しました {time}</source>
            <translation>Saved {time}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="180" />
            <source>保存中…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="183" />
            <source>未保存の変更</source>
            <translation>Unsaved changes</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="186" />
            <source>保存できませんでした</source>
            <translation>Not saved</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="190" />
            <source>書類の向きを保存できませんでした</source>
            <translation>The document's rotation could not be saved</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/header.py" line="197" />
            <source>案件 {id} の収入を保存できませんでした。入力は保たれています。案件を開き直すと表示され、もう一度保存します。</source>
            <translation>The income of case {id} could not be saved. Your entries are kept: they reappear and are saved again when you reopen the case.</translation>
        </message>
    </context>
    <context>
        <name>CaseOperations</name>
        <message>
            <location filename="../../reviewer_app/ui/case/operations.py" line="99" />
            <source>判定案を提出しました。承認待ちになりました。</source>
            <translation>Proposal submitted; the case now awaits approval.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/operations.py" line="100" />
            <source>承認しました。案件は完了です。</source>
            <translation>Approved; the case is done.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/operations.py" line="101" />
            <source>差し戻しました。担当者の審査中に戻りました。</source>
            <translation>Returned; the case is back in review with its examiner.</translation>
        </message>
    </context>
    <context>
        <name>CaseTabs</name>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="36" />
            <source>調査票</source>
            <translation>Answers</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="37" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="38" />
            <source>収入</source>
            <translation>Income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="39" />
            <source>判定</source>
            <translation>Verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="40" />
            <source>不備連絡</source>
            <translation>Deficiency notice</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="41" />
            <source>履歴</source>
            <translation>History</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/tabs.py" line="104" />
            <source>不備連絡を記録できません</source>
            <translation>Cannot record the deficiency notice</translation>
        </message>
    </context>
    <context>
        <name>CaseView</name>
        <message>
            <location filename="../../reviewer_app/ui/case_view.py" line="185" />
            <source>案件を開けません</source>
            <translation>Cannot open the case</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case_view.py" line="217" />
            <source>保存されていなかった入力を復元しました</source>
            <translation>Restored entries that had not been saved</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case_view.py" line="259" />
            <source>相手の内容を表示しています</source>
            <translation>Showing the other version</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case_view.py" line="277" />
            <source>ほかの端末で保存されています</source>
            <translation>Saved on another workstation</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case_view.py" line="279" />
            <source>書類の確認を保存できません</source>
            <translation>Cannot save the document check</translation>
        </message>
    </context>
    <context>
        <name>ConflictDialog</name>
        <message>
            <location filename="../../reviewer_app/ui/case/conflicts.py" line="32" />
            <source>ほかの端末で保存されています</source>
            <translation>Saved on another workstation</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/conflicts.py" line="35" />
            <source>{who}さんが {when} に先に保存しました。</source>
            <translation>{who} saved first, at {when}.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/conflicts.py" line="39" />
            <source>「自分の入力を残す」は、あなたの入力で相手の保存内容を上書きします。「相手の内容にする」は、画面を相手の保存内容に置き換えます。</source>
            <translation>"Keep my entries" saves yours over the other version. "Take theirs" replaces the screen with the other version.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/conflicts.py" line="43" />
            <source>自分の入力を残す</source>
            <translation>Keep my entries</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/conflicts.py" line="45" />
            <source>相手の内容にする</source>
            <translation>Take theirs</translation>
        </message>
    </context>
    <context>
        <name>ContractForm</name>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="105" />
            <source>未提出なら空欄</source>
            <translation>Empty if not submitted</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="107" />
            <source>事業主の証明書が提出されている</source>
            <translation>Employer's certificate submitted</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="109" />
            <source>例: 2021, 2022</source>
            <translation>e.g. 2021, 2022</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="111" />
            <source>既定は対象年の翌年1月(例: 2024-01)</source>
            <translation>Default: January after the target year (e.g. 2024-01)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="119" />
            <source>労働契約の見込み年収(円)</source>
            <translation>Expected annual pay in the contract (yen)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="120" />
            <source>一時的な収入変動</source>
            <translation>Temporary rise in income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="121" />
            <source>証明書を使った年</source>
            <translation>Years the certificate was used</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="122" />
            <source>遡り再認定の起算月</source>
            <translation>Re-certification from month</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="158" />
            <source>労働契約の見込み年収を変更</source>
            <translation>Change expected annual pay</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="164" />
            <source>証明書を使った年は 2021, 2022 のように西暦で入力してください。</source>
            <translation>Enter the certificate years as 2021, 2022.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="174" />
            <source>事業主の証明を変更</source>
            <translation>Change employer's certificate</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="181" />
            <source>起算月は 2024-01 のように入力してください。</source>
            <translation>Enter the month as 2024-01.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="188" />
            <source>遡り再認定の起算月を変更</source>
            <translation>Change re-certification month</translation>
        </message>
    </context>
    <context>
        <name>CrashReporter</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="9" />
            <source>（ログを書けません）</source>
            <translation>(the log cannot be written)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="10" />
            <source>予期しないエラーが起きました（{kind}）。直前の操作は完了していない可能性があります。

保存済みの入力はすべてデータベースに残っており、失われていません。このまま作業を続けられます。

繰り返し起きる場合は、アプリを終了して開き直し、管理者に次のログファイルを渡してください（個人情報は含まれていません）:
{path}</source>
            <translation>An unexpected error occurred ({kind}). The last action may not have finished.

Everything saved is in the database and nothing was lost. You can go on working.

If it happens again, quit and reopen the application and give your administrator this log file (it holds no personal data):
{path}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="11" />
            <source>メモリが不足しています。アプリを終了して開き直してください。</source>
            <translation>Memory is running out. Quit and reopen the application.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="12" />
            <source>このダイアログを開いてから {n} 回起きています。</source>
            <translation>It has happened {n} times since this dialog opened.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="13" />
            <source>予期しないエラー</source>
            <translation>Unexpected error</translation>
        </message>
    </context>
    <context>
        <name>DecisionTab</name>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="57" />
            <source>未入力: 収入の入力も書類の確認もまだないため、判定を示しません。</source>
            <translation>Not entered: no income has been entered and no document checked yet, so no verdict is shown.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="60" />
            <source>収入が入力されていないため、判定を計算できません。</source>
            <translation>No income entered yet, so no verdict can be computed.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="62" />
            <source>計算結果: {verdict}</source>
            <translation>Computed verdict: {verdict}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="65" />
            <location filename="../../reviewer_app/ui/decision_tab.py" line="343" />
            <source>除外日: {date}</source>
            <translation>Exclusion date: {date}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="68" />
            <source>再認定日: {date}</source>
            <translation>Re-certification date: {date}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="70" />
            <source>年間収入 {annual}円 / 限度額 {limit}円</source>
            <translation>Annual income ¥{annual} / limit ¥{limit}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="102" />
            <source>判定案（一次チェック）</source>
            <translation>Proposal (first check)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="103" />
            <source>扶養継続</source>
            <translation>Continue</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="104" />
            <source>扶養除外</source>
            <translation>Exclude</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="105" />
            <source>要確認</source>
            <translation>Needs review</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="133" />
            <source>判定の理由や確認した内容（承認者が読みます）</source>
            <translation>Why, and what you checked (the supervisor reads this)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="136" />
            <source>判定案を提出（承認待ちへ）</source>
            <translation>Submit proposal (for approval)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="142" />
            <source>判定</source>
            <translation>Verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="143" />
            <source>除外日</source>
            <translation>Exclusion date</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="144" />
            <source>コメント</source>
            <translation>Comment</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="151" />
            <source>承認（最終チェック）</source>
            <translation>Approval (final check)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="167" />
            <source>承認・差し戻しのコメント（差し戻しでは必須）</source>
            <translation>Comment on approval or return (required to return)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="170" />
            <source>承認</source>
            <translation>Approve</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="173" />
            <source>差し戻し</source>
            <translation>Return</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="187" />
            <source>現在のデータでの計算</source>
            <translation>Evaluation on the current data</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="194" />
            <source>再計算</source>
            <translation>Recalculate</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="256" />
            <source>状態: {status}</source>
            <translation>Status: {status}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="278" />
            <source>判定案はまだありません。</source>
            <translation>No proposal yet.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="303" />
            <source>自動判定({engine})と異なる判定案です</source>
            <translation>The proposal differs from the evaluation ({engine})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="305" />
            <source>担当者のコメント: {text}</source>
            <translation>Examiner's comment: {text}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="339" />
            <source>判定案: {verdict}（{who}、{when}）</source>
            <translation>Proposal: {verdict} ({who}, {when})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="346" />
            <source>コメント: {text}</source>
            <translation>Comment: {text}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="367" />
            <source>判定を選んでください。</source>
            <translation>Choose a verdict.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="375" />
            <source>判定案「{verdict}」を承認します。よろしいですか?</source>
            <translation>Approve the proposal "{verdict}"?</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="379" />
            <source>承認の確認</source>
            <translation>Confirm approval</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/decision_tab.py" line="386" />
            <source>差し戻しの理由をコメントに書いてください。</source>
            <translation>Write in the comment why the case is returned.</translation>
        </message>
    </context>
    <context>
        <name>DocumentReading</name>
        <message>
            <location filename="../../reviewer_app/ui/case/reading.py" line="55" />
            <source>次のページ（書類をまたいで）</source>
            <translation>Next page (across documents)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/reading.py" line="56" />
            <source>前のページ（書類をまたいで）</source>
            <translation>Previous page (across documents)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/reading.py" line="165" />
            <source>マイナンバーの表示</source>
            <translation>Show My Number</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/reading.py" line="166" />
            <source>このページのマイナンバー（個人番号）を表示します。表示したことは記録されます。書き写したり保存したりしないでください。表示しますか？</source>
            <translation>This shows the My Number (individual number) on this page. Showing it is recorded. Do not copy or store it. Show it?</translation>
        </message>
    </context>
    <context>
        <name>DocumentViewer</name>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="184" />
            <source>縮小</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="187" />
            <source>拡大</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="188" />
            <source>幅</source>
            <translation>Width</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="190" />
            <source>全体</source>
            <translation>Page</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="191" />
            <source>100%</source>
            <translation>100%</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="173" />
            <source>◀ 書類</source>
            <translation>◀ Doc</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="176" />
            <source>書類 ▶</source>
            <translation>Doc ▶</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="179" />
            <source>◀</source>
            <translation>◀</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="181" />
            <source>▶</source>
            <translation>▶</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="194" />
            <source>↺</source>
            <translation>↺</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="196" />
            <source>↻</source>
            <translation>↻</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="199" />
            <source>番号を表示…</source>
            <translation>Show number…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="200" />
            <source>黒く隠したマイナンバーを表示します（記録されます）</source>
            <translation>Uncover the blacked-out My Number (recorded)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="202" />
            <source>前のページ (PgUp)</source>
            <translation>Previous page (PgUp)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="203" />
            <source>次のページ (PgDn)</source>
            <translation>Next page (PgDn)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="204" />
            <source>前の書類 (Ctrl+PgUp または [)</source>
            <translation>Previous document (Ctrl+PgUp or [)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="205" />
            <source>次の書類 (Ctrl+PgDn または ])</source>
            <translation>Next document (Ctrl+PgDn or ])</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="206" />
            <source>幅に合わせる (Ctrl+2)</source>
            <translation>Fit width (Ctrl+2)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="207" />
            <source>ページ全体を表示 (Ctrl+3)</source>
            <translation>Fit the whole page (Ctrl+3)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="208" />
            <source>拡大 (Ctrl++)</source>
            <translation>Zoom in (Ctrl++)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="209" />
            <source>縮小 (Ctrl+-)</source>
            <translation>Zoom out (Ctrl+-)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="210" />
            <source>実寸 (Ctrl+0)</source>
            <translation>Actual size (Ctrl+0)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="211" />
            <source>左に90度回転 (Ctrl+L)</source>
            <translation>Rotate 90° left (Ctrl+L)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="212" />
            <source>右に90度回転 (Ctrl+R)</source>
            <translation>Rotate 90° right (Ctrl+R)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="266" />
            <source>【新着】</source>
            <translation>[New] </translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="269" />
            <source>（開けません）</source>
            <translation> (cannot be opened)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="273" />
            <source>再提出で届いた新しいファイル: </source>
            <translation>New file from a re-submission: </translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="276" />
            <source>ファイルを開けません: </source>
            <translation>File cannot be opened: </translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/viewer.py" line="286" />
            <source>（未提出）</source>
            <translation>(not submitted)</translation>
        </message>
    </context>
    <context>
        <name>DocumentsModel</name>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="114" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="115" />
            <source>ファイル</source>
            <translation>Files</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="116" />
            <source>提出状況</source>
            <translation>Submission</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="117" />
            <source>会員コメント</source>
            <translation>Member's comment</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="118" />
            <source>審査</source>
            <translation>Review</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="119" />
            <source>不備理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="120" />
            <source>メモ</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="173" />
            <source>不備の提案</source>
            <translation>Proposed: deficient</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="178" />
            <source>書類の読み取りで見つかりました: {note}
書類を確かめて「不備」にするとこの理由とメモで記録されます。</source>
            <translation>Found when reading the document: {note}
Check the document and mark it deficient to record this reason and note.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="186" />
            <source>{n}件</source>
            <translation>{n}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_model.py" line="200" />
            <source>(理由を選択)</source>
            <translation>(choose a reason)</translation>
        </message>
    </context>
    <context>
        <name>DocumentsTab</name>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="56" />
            <source>選択した書類の審査</source>
            <translation>Review of the selected document</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="69" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="70" />
            <source>不備</source>
            <translation>Deficient</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="71" />
            <source>未確認</source>
            <translation>Unchecked</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="81" />
            <source>(理由を選択)</source>
            <translation>(choose a reason)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="87" />
            <source>会員への補足(不備連絡に載ります)</source>
            <translation>Note to the member (shown in the deficiency notice)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="91" />
            <source>書類を表示</source>
            <translation>Show document</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="105" />
            <source>必要な理由</source>
            <translation>Why required</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="106" />
            <source>会員のコメント</source>
            <translation>Member's comment</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="107" />
            <source>開けないファイル</source>
            <translation>Unusable files</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="109" />
            <source>判定</source>
            <translation>Verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="110" />
            <source>不備理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="111" />
            <source>補足</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="175" />
            <source>書類を選択してください。</source>
            <translation>Select a document.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="190" />
            <source>回答からは求めていない書類です。</source>
            <translation>The answers do not call for this document.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="217" />
            <source>書類 {n}件: OK {ok}件・不備 {bad}件・未確認 {rest}件</source>
            <translation>{n} documents: {ok} OK, {bad} deficient, {rest} unchecked</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/documents_tab.py" line="221" />
            <source>（開けないファイル {m}件）</source>
            <translation> ({m} files cannot be opened)</translation>
        </message>
    </context>
    <context>
        <name>HistoryModel</name>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="43" />
            <source>日時</source>
            <translation>When</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="43" />
            <source>操作した人</source>
            <translation>Who</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="43" />
            <source>内容</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="55" />
            <source>(システム)</source>
            <translation>(system)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="58" />
            <source>（{n}回）</source>
            <translation> ({n} times)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/history_tab.py" line="62" />
            <source>{action}: {first}〜{last}</source>
            <translation>{action}: {first} to {last}</translation>
        </message>
    </context>
    <context>
        <name>ImportAction</name>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="50" />
            <source>バンドルを取り込む</source>
            <translation>Import a bundle</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="51" />
            <source>エクスポートバンドル (*.zip *.rvb);;すべてのファイル (*)</source>
            <translation>Export bundles (*.zip *.rvb);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="61" />
            <source>取込</source>
            <translation>Import</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="64" />
            <source>バンドルを取り込めません</source>
            <translation>Cannot import the bundle</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="70" />
            <source>このバンドル ({bundle}) は取込済みです。変更はありません。</source>
            <translation>The bundle {bundle} was imported before. Nothing changed.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="73" />
            <source>バンドル {bundle} を取り込みました。</source>
            <translation>Imported the bundle {bundle}.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="75" />
            <source>被保険者 {members} 名、被扶養者 {dependents} 名、添付 {attachments} 件
新規 {new}、更新 {updated}、変更なし {unchanged}、旧版 (無視) {outdated}</source>
            <translation>{members} members, {dependents} dependents, {attachments} attachments
{new} new, {updated} updated, {unchanged} unchanged, {outdated} older revisions (ignored)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/import_action.py" line="86" />
            <source>開けないファイル {n} 件 (隔離して保存しました。書類タブに理由が表示され、不備連絡で再提出を依頼できます):</source>
            <translation>{n} files cannot be opened (kept in quarantine; the 書類 tab shows why, and a deficiency notice can ask for them again):</translation>
        </message>
    </context>
    <context>
        <name>IncomeAmount</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="15" />
            <source>マイナスの金額は入力できません。0以上の整数を入力してください。</source>
            <translation>Negative amounts are not allowed. Enter a whole number of 0 or more.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="16" />
            <source>円未満は入力できません。円単位の整数を入力してください。</source>
            <translation>Fractions of a yen are not allowed. Enter whole yen.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="17" />
            <source>「{text}」は金額として読めません。98000 や 98,000 のように数字で入力してください。</source>
            <translation>"{text}" is not an amount. Enter digits such as 98000 or 98,000.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="18" />
            <source>金額が大きすぎます。桁を確かめてください。</source>
            <translation>The amount is too large. Check the digits.</translation>
        </message>
    </context>
    <context>
        <name>IncomeChart</name>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="59" />
            <source>月別収入のグラフ</source>
            <translation>Monthly income chart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="132" />
            <source>入力の誤りを直すとグラフが表示されます</source>
            <translation>Correct the input to see the chart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="133" />
            <source>判定できる月がありません</source>
            <translation>No month to judge</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="145" />
            <source>除外判定</source>
            <translation>Exclusion</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="146" />
            <source>再認定</source>
            <translation>Re-certification</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="167" />
            <source>12月</source>
            <translation>Dec</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="182" />
            <source>{m}月</source>
            <translation>M{m}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="193" />
            <source>{y}年</source>
            <translation>{y}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="215" />
            <source>月額限度 {amount}円</source>
            <translation>Monthly limit ¥{amount}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="231" />
            <source>限度内</source>
            <translation>Within limit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="231" />
            <source>超過</source>
            <translation>Over</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="232" />
            <source>未入力あり</source>
            <translation>Months missing</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="233" />
            <source>{month}: {amount}円({state})</source>
            <translation>{month}: ¥{amount} ({state})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/chart.py" line="237" />
            <source>除外日の判定に使われた月</source>
            <translation>Months that set the exclusion date</translation>
        </message>
    </context>
    <context>
        <name>IncomeDocument</name>
        <message>
            <location filename="../../reviewer_app/ui/income/document.py" line="116" />
            <source>読み取り専用のため変更できません。</source>
            <translation>Read only: cannot be changed.</translation>
        </message>
    </context>
    <context>
        <name>IncomeRecords</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="20" />
            <source>{d}日</source>
            <translation>day {d}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="22" />
            <source>末日</source>
            <translation>month end</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="21" />
            <source>不明</source>
            <translation>unknown</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="23" />
            <source>当月</source>
            <translation>same month</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="24" />
            <source>翌月</source>
            <translation>next month</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="25" />
            <source>翌々月</source>
            <translation>month after next</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="26" />
            <source>例: 2023-07</source>
            <translation>e.g. 2023-07</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="27" />
            <source>例: 2023-06-01</source>
            <translation>e.g. 2023-06-01</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="28" />
            <source>YYYY-MM 形式(例: 2023-07)</source>
            <translation>YYYY-MM (e.g. 2023-07)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="29" />
            <source>YYYY-MM-DD 形式(例: 2023-06-01)</source>
            <translation>YYYY-MM-DD (e.g. 2023-06-01)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="30" />
            <source>年月は 2023-07 のように入力してください。</source>
            <translation>Enter the month as 2023-07.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="31" />
            <source>日付は 2023-06-01 のように入力してください。</source>
            <translation>Enter the date as 2023-06-01.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="32" />
            <source>{noun}の「{column}」を変更</source>
            <translation>Change {column} of {noun}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="33" />
            <source>{noun}を追加</source>
            <translation>Add {noun}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="34" />
            <source>{noun}を削除</source>
            <translation>Remove {noun}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="35" />
            <source>勤務先{n}</source>
            <translation>Employer {n}</translation>
        </message>
    </context>
    <context>
        <name>IncomeSummary</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="55" />
            <source>要確認</source>
            <translation>Needs review</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="38" />
            <source>年間収入</source>
            <translation>Annual income</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="37" />
            <source>{y}年{m}月{d}日</source>
            <translation>{y}-{m}-{d}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="58" />
            <source>給与</source>
            <translation>Salary</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="59" />
            <source>賞与</source>
            <translation>Bonus</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="60" />
            <source>年金</source>
            <translation>Pension</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="39" />
            <source>基準</source>
            <translation>Basis</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="40" />
            <source>月額限度額</source>
            <translation>Monthly limit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="41" />
            <source>年齢</source>
            <translation>Age</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="42" />
            <source>除外日</source>
            <translation>Exclusion date</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="43" />
            <source>根拠</source>
            <translation>Grounds</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="44" />
            <source>再認定日</source>
            <translation>Re-certification date</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="45" />
            <source>内訳</source>
            <translation>Breakdown</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="46" />
            <source>確認項目</source>
            <translation>Checks</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="47" />
            <source>説明</source>
            <translation>Explanation</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="48" />
            <source>入力に誤りがあるため判定できません: {field}: {problem}</source>
            <translation>Cannot judge because of an input error: {field}: {problem}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="49" />
            <source>未入力</source>
            <translation>Not entered</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="50" />
            <source>収入を入力するか書類を確認すると判定案を示します。</source>
            <translation>Enter the income or check the documents to see a proposed verdict.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="51" />
            <source>判定できません</source>
            <translation>Cannot judge</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="52" />
            <source>判定案: {verdict}</source>
            <translation>Proposed verdict: {verdict}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="53" />
            <source>基準内</source>
            <translation>within limit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="54" />
            <source>超過</source>
            <translation>Over</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="56" />
            <source>判定に使う年収: {amount}</source>
            <translation>Income used for the verdict: {amount}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="57" />
            <source>{age}歳(判定日時点)</source>
            <translation>{age} (on the judgment date)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="61" />
            <source>事業</source>
            <translation>Business</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="62" />
            <source>その他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="63" />
            <source>(候補)</source>
            <translation>(candidate)</translation>
        </message>
    </context>
    <context>
        <name>IncomeTab</name>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="75" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="79" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="83" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="368" />
            <source>勤務先</source>
            <translation>Employer</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="76" />
            <source>締め日</source>
            <translation>Cutoff day</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="77" />
            <source>支払月</source>
            <translation>Pay month</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="78" />
            <source>支払日</source>
            <translation>Pay day</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="84" />
            <source>支給月</source>
            <translation>Paid in</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="85" />
            <source>賞与額(総支給)</source>
            <translation>Bonus (gross)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="86" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="347" />
            <source>賞与</source>
            <translation>Bonus</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="89" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="104" />
            <source>種類</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="90" />
            <source>年額</source>
            <translation>Annual</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="91" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="350" />
            <source>年金</source>
            <translation>Pension</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="94" />
            <source>総収入</source>
            <translation>Revenue</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="95" />
            <source>直接的必要経費</source>
            <translation>Direct expenses</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="96" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="353" />
            <source>自営業</source>
            <translation>Self-employment</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="99" />
            <source>内容</source>
            <translation>What</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="100" />
            <source>金額</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="101" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="355" />
            <source>その他の収入</source>
            <translation>Other income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="105" />
            <source>日額</source>
            <translation>Daily amount</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="106" />
            <source>受給開始日</source>
            <translation>Start date</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="107" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="358" />
            <source>給付</source>
            <translation>Benefits</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="115" />
            <source>閲覧のみ: この画面では収入を変更できません。</source>
            <translation>Read only: the income cannot be changed here.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="127" />
            <source>残りをすべて確定</source>
            <translation>Accept the rest</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="129" />
            <source>候補のページを表示</source>
            <translation>Show suggested pages</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="249" />
            <source>候補 {n}件</source>
            <translation>{n} suggested</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="250" />
            <source>書類から読み取った候補です（◇灰色の斜体）。Enter で確定して次の月へ、数字を入力すると置き換えます。</source>
            <translation>Amounts read from the documents (◇ grey italic). Enter accepts and moves to the next month; typing a number replaces.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="253" />
            <source>まだ表示していない候補のページが{n}ページあります。すべて確定する前に各ページを表示してください（Ctrl+Shift+N で順に表示）。</source>
            <translation>{n} page(s) with suggestions not shown yet. Show each page before accepting all (Ctrl+Shift+N shows them in turn).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="256" />
            <source>・未表示 {n}ページ</source>
            <translation> · {n} page(s) not shown</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="260" />
            <source>候補のページはすべて表示しました（Ctrl+Shift+Enter）</source>
            <translation>Every page with a suggestion has been shown (Ctrl+Shift+Enter)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="273" />
            <source>元に戻す</source>
            <translation>Undo</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="275" />
            <source>やり直す</source>
            <translation>Redo</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="280" />
            <source>残りの候補をすべて確定</source>
            <translation>Accept all remaining</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="283" />
            <source>候補のページを順に表示</source>
            <translation>Show suggested pages in turn</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="305" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="339" />
            <source>勤務先を追加</source>
            <translation>Add employer</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="340" />
            <source>締め日・支払月・支払日から勤怠期間を求めます。</source>
            <translation>The attendance period follows from cutoff day, pay month and pay day.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="306" />
            <location filename="../../reviewer_app/ui/income/tab.py" line="345" />
            <source>賞与を追加</source>
            <translation>Add bonus</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="346" />
            <source>賞与はその年の12か月で按分されます。</source>
            <translation>Bonuses are spread over the 12 months of the year.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="348" />
            <source>年金を追加</source>
            <translation>Add pension</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="349" />
            <source>遺族年金・障害年金も含みます。</source>
            <translation>Includes survivors' and disability pensions.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="351" />
            <source>事業を追加</source>
            <translation>Add business</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="352" />
            <source>事業ごとに入力(赤字は0円)。</source>
            <translation>One line per business (a loss counts as ¥0).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="354" />
            <source>収入を追加</source>
            <translation>Add income</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="356" />
            <source>給付を追加</source>
            <translation>Add benefit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="357" />
            <source>失業給付・傷病手当金・出産手当金は日額で判定。</source>
            <translation>Unemployment, sickness and maternity benefits are judged by the daily amount.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="359" />
            <source>労働契約・証明</source>
            <translation>Contract &amp; certificate</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="370" />
            <source>月別の給与(支払月ごとの総支給額)</source>
            <translation>Monthly salary (gross pay by pay month)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="371" />
            <source>Tab・Enter で次の月へ ／ Delete で未入力に戻す ／ Ctrl+V で縦に貼り付け ／ Ctrl+Z で元に戻す</source>
            <translation>Tab/Enter: next month / Delete: clear / Ctrl+V: paste down / Ctrl+Z: undo</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/tab.py" line="430" />
            <source>勤務先{n}</source>
            <translation>Employer {n}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="65" />
            <source>審査担当</source>
            <translation>Examiner</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="66" />
            <source>承認者</source>
            <translation>Supervisor</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="67" />
            <source>管理者</source>
            <translation>Administrator</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="68" />
            <source>未着手</source>
            <translation>Not started</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="69" />
            <source>審査中</source>
            <translation>In review</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="70" />
            <source>不備連絡中</source>
            <translation>Notice sent</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="71" />
            <source>承認待ち</source>
            <translation>Awaiting approval</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="72" />
            <source>完了</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="73" />
            <source>扶養継続</source>
            <translation>Continue</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="74" />
            <source>扶養除外</source>
            <translation>Exclude</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="75" />
            <source>要確認</source>
            <translation>Needs review</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="76" />
            <source>未提出</source>
            <translation>Not submitted</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="77" />
            <source>再提出あり</source>
            <translation>Resubmitted</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="78" />
            <source>期限切れ</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="79" />
            <source>紙</source>
            <translation>Paper</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="80" />
            <source>配偶者</source>
            <translation>Spouse</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="81" />
            <source>子</source>
            <translation>Child</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="82" />
            <source>父母</source>
            <translation>Parent</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="83" />
            <source>祖父母</source>
            <translation>Grandparent</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="84" />
            <source>孫</source>
            <translation>Grandchild</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="85" />
            <source>兄弟姉妹</source>
            <translation>Sibling</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="86" />
            <source>その他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="87" />
            <source>扶養削除(就職等により他健康保険に加入済)</source>
            <translation>Removal (joined another health insurance, e.g. new job)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="88" />
            <source>①無職(無収入)</source>
            <translation>① Not working (no income)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="89" />
            <source>②パート・アルバイト</source>
            <translation>② Part-time work</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="90" />
            <source>②-1 前年 一時的収入増による扶養上限越え</source>
            <translation>②-1 Over the limit last year through a temporary rise</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="91" />
            <source>②-2 今年 一時的収入増による扶養上限越え見込</source>
            <translation>②-2 Expected over the limit this year through a temporary rise</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="92" />
            <source>パート(短期/単発)</source>
            <translation>Part-time (short-term/one-off)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="93" />
            <source>③年金受給者</source>
            <translation>③ Pensioner</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="94" />
            <source>④自営業者(営業/事業/農業/山林/不動産等)</source>
            <translation>④ Self-employed (business, farming, forestry, real estate…)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="95" />
            <source>④-1 自営業で持続化給付金を受給</source>
            <translation>④-1 Self-employed receiving a business continuity subsidy</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="96" />
            <source>⑤株式等収入あり(株式/利子/配当/先物等)</source>
            <translation>⑤ Investment income (shares, interest, dividends, futures…)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="97" />
            <source>⑥社会保険からの給付金(手当)受給者</source>
            <translation>⑥ Receiving social insurance benefits</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="98" />
            <source>⑦失業給付受給者</source>
            <translation>⑦ Receiving unemployment benefit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="99" />
            <source>退職(パート・アルバイト含む)</source>
            <translation>Left work (including part-time)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="100" />
            <source>⑧同居の学生</source>
            <translation>⑧ Student living at home</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="101" />
            <source>⑨下宿中の学生</source>
            <translation>⑨ Student living away</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="102" />
            <source>義父母・甥姪・おじおば・義兄弟・連れ子(養子除く)</source>
            <translation>Parents-in-law, nephews/nieces, uncles/aunts, siblings-in-law, stepchildren (not adopted)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="103" />
            <source>施設入所している者</source>
            <translation>Living in a care facility</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="104" />
            <source>海外居住者</source>
            <translation>Living abroad</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="105" />
            <source>給与明細書</source>
            <translation>Payslips</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="106" />
            <source>賞与明細書</source>
            <translation>Bonus slips</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="107" />
            <source>給与額等証明書</source>
            <translation>Salary certificate</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="108" />
            <source>年金振込通知書・年金額改定通知書</source>
            <translation>Pension payment or revision notice</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="109" />
            <source>確定申告書・収支内訳書</source>
            <translation>Tax return and income statement</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="110" />
            <source>住民税申告書の写し</source>
            <translation>Copy of the resident tax return</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="111" />
            <source>所得証明書・非課税証明書</source>
            <translation>Income or non-taxation certificate</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="112" />
            <source>年間取引報告書</source>
            <translation>Annual trading report</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="113" />
            <source>雇用保険受給資格者証・支給決定通知</source>
            <translation>Unemployment benefit certificate or decision</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="114" />
            <source>一時的な収入変動に係る事業主の証明書</source>
            <translation>Employer's certificate of a temporary rise</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="115" />
            <source>労働条件通知書</source>
            <translation>Labour contract notice</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="116" />
            <source>送金証明</source>
            <translation>Proof of remittance</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="117" />
            <source>在学証明書</source>
            <translation>Certificate of enrolment</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="118" />
            <source>就職先の保険証の写し</source>
            <translation>Copy of the new employer's insurance card</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="119" />
            <source>住民票</source>
            <translation>Certificate of residence</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="120" />
            <source>その他の書類</source>
            <translation>Other document</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="121" />
            <source>同居</source>
            <translation>Living together</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="122" />
            <source>別居(被保険者が単身赴任中)</source>
            <translation>Apart (insured posted away from home)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="123" />
            <source>別居(被扶養者が就学&lt;下宿&gt;のため)</source>
            <translation>Apart (dependent studying away)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="124" />
            <source>別居(その他)</source>
            <translation>Apart (other)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="125" />
            <source>登録済</source>
            <translation>Registered</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="126" />
            <source>提出済</source>
            <translation>Submitted</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="127" />
            <source>判読不可</source>
            <translation>Unreadable</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="128" />
            <source>対象期間が違う</source>
            <translation>Wrong period</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="129" />
            <source>書類違い</source>
            <translation>Wrong document</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="130" />
            <source>月が不足</source>
            <translation>Months missing</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="131" />
            <source>マイナンバーが見える</source>
            <translation>My Number visible</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="132" />
            <source>一部が切れている</source>
            <translation>Partly cut off</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="133" />
            <source>ファイルを開けない</source>
            <translation>File cannot be opened</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="134" />
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="135" />
            <source>不備</source>
            <translation>Deficient</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="136" />
            <source>未確認</source>
            <translation>Unchecked</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="137" />
            <source>提出あり</source>
            <translation>Uploaded</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="138" />
            <source>代替書類で提出</source>
            <translation>Substitute submitted</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="139" />
            <source>未提出で進める</source>
            <translation>Proceed without</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="140" />
            <source>必要書類以外</source>
            <translation>Not a required document</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="141" />
            <source>ファイルを開けません</source>
            <translation>File cannot be opened</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="142" />
            <source>ファイルを開けません ({n}件)</source>
            <translation>Files cannot be opened ({n})</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="143" />
            <source>老齢年金</source>
            <translation>Old-age pension</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="144" />
            <source>遺族年金</source>
            <translation>Survivors' pension</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="145" />
            <source>障害年金</source>
            <translation>Disability pension</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="146" />
            <source>その他の年金</source>
            <translation>Other pension</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="147" />
            <source>失業給付</source>
            <translation>Unemployment benefit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="148" />
            <source>傷病手当金</source>
            <translation>Sickness allowance</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="149" />
            <source>出産手当金</source>
            <translation>Maternity allowance</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="150" />
            <source>60歳未満</source>
            <translation>Under 60</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="151" />
            <source>60歳以上</source>
            <translation>60 or over</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="152" />
            <source>障害年金受給者</source>
            <translation>Disability pensioner</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="153" />
            <source>19歳以上23歳未満</source>
            <translation>Aged 19 to 22</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="154" />
            <source>3か月連続で月額限度額を超過</source>
            <translation>Over the monthly limit 3 months running</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="155" />
            <source>3か月平均が月額限度額を超過</source>
            <translation>3-month average over the monthly limit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="156" />
            <source>年間収入</source>
            <translation>Annual income</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="157" />
            <source>月額限度</source>
            <translation>Monthly limit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="158" />
            <source>未入力の月</source>
            <translation>Months not entered</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="159" />
            <source>給付の日額</source>
            <translation>Daily benefit</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="160" />
            <source>被保険者収入の2分の1</source>
            <translation>Half of the insured's income</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="161" />
            <source>仕送り額</source>
            <translation>Remittance</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="162" />
            <source>国内居住</source>
            <translation>Living in Japan</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="163" />
            <source>75歳到達</source>
            <translation>Reaching 75</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="164" />
            <source>労働契約</source>
            <translation>Labour contract</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="165" />
            <source>事業主の証明</source>
            <translation>Employer's certificate</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="166" />
            <source>調査票の提出</source>
            <translation>Survey submitted</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="167" />
            <source>適合</source>
            <translation>pass</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="168" />
            <source>不適合</source>
            <translation>fail</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="169" />
            <source>円</source>
            <translation> yen</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="170" />
            <source>{n}万円</source>
            <translation>¥{n}0k</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="171" />
            <source>{y}年{m}月</source>
            <translation>{m}/{y}</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="172" />
            <source>金額の記入なし</source>
            <translation>No amount entered</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="173" />
            <source>1円 (0円の意味)</source>
            <translation>¥1 (meaning ¥0)</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="174" />
            <source>ja</source>
            <translation>en</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <location filename="../../reviewer_app/ui/idle_lock.py" line="84" />
            <source>画面をロックしました</source>
            <translation>Screen locked</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/idle_lock.py" line="91" />
            <source>一定時間操作がなかったため、個人情報を隠しました。{user} さんのパスワードを入力すると再開します。</source>
            <translation>Personal data is hidden after a period without activity. Enter {user}'s password to continue.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/idle_lock.py" line="98" />
            <source>パスワード</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/idle_lock.py" line="101" />
            <source>ロック解除</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/idle_lock.py" line="105" />
            <source>ログアウト</source>
            <translation>Log out</translation>
        </message>
    </context>
    <context>
        <name>LoginDialog</name>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="31" />
            <source>ログイン - 被扶養者資格調査 審査</source>
            <translation>Sign in - Dependent Eligibility Survey Review</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="34" />
            <source>被扶養者資格調査 審査</source>
            <translation>Dependent Eligibility Survey Review</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="39" />
            <source>ワークスペース: {path}</source>
            <translation>Workspace: {path}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="51" />
            <source>ユーザー名</source>
            <translation>User name</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="52" />
            <source>パスワード</source>
            <translation>Password</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="67" />
            <source>ログイン</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="69" />
            <source>終了</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="91" />
            <source>ユーザー名とパスワードを入力してください。</source>
            <translation>Enter your user name and password.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/login.py" line="132" />
            <source>確認しています…</source>
            <translation>Checking…</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="64" />
            <source>被扶養者資格調査 審査 - {user}</source>
            <translation>Dependent Eligibility Survey Review - {user}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="123" />
            <source>ファイル(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="125" />
            <source>バンドルを取り込む…</source>
            <translation>Import a bundle…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="129" />
            <source>紙の調査票を入力…</source>
            <translation>Enter a paper survey…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="134" />
            <source>ログアウト</source>
            <translation>Log out</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="136" />
            <source>終了</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="138" />
            <source>表示(&amp;V)</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="139" />
            <source>キュー</source>
            <translation>Queue</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="142" />
            <source>承認待ち</source>
            <translation>Awaiting approval</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="144" />
            <source>進捗</source>
            <translation>Progress</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="146" />
            <source>集中レイアウト(書類と月別の給与だけ)</source>
            <translation>Focus layout (documents and monthly pay only)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="152" />
            <source>画面をロック</source>
            <translation>Lock screen</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="154" />
            <source>設定…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="159" />
            <source>ヘルプ(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="160" />
            <source>ショートカット</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="164" />
            <location filename="../../reviewer_app/ui/main_window.py" line="323" />
            <source>バージョン情報</source>
            <translation>About</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="171" />
            <source>{user}（{role}）</source>
            <translation>{user} ({role})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="174" />
            <source>ワークスペース: {path}</source>
            <translation>Workspace: {path}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="256" />
            <source>担当を解除できません</source>
            <translation>Cannot release the case</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="324" />
            <source>被扶養者資格調査 審査アプリ
バージョン {version}
Qt {qt}</source>
            <translation>Dependent Eligibility Survey Review
Version {version}
Qt {qt}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/main_window.py" line="328" />
            <source>処理中…</source>
            <translation>Working…</translation>
        </message>
    </context>
    <context>
        <name>MonthGridModel</name>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="162" />
            <source>対象年の翌年以降(遡り再認定の確認用)</source>
            <translation>After the target year (for re-certification)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="169" />
            <source>勤務先{n}</source>
            <translation>Employer {n}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="171" />
            <source>給与
{name}</source>
            <translation>Salary
{name}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="172" />
            <source>賞与
(按分)</source>
            <translation>Bonus
(share)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="172" />
            <source>合計</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="173" />
            <source>月額限度
判定</source>
            <translation>Monthly
limit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="175" />
            <source>支払月ごとの総支給額(通勤手当を含む)。空欄は未入力、支給がない月は 0 を入力します。</source>
            <translation>Gross pay by pay month (including commuting allowance). Blank means not entered; enter 0 for a month without pay.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="177" />
            <source>その年の賞与合計の12分の1(エンジンの計算値)</source>
            <translation>One twelfth of the year's bonuses (computed)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="178" />
            <source>給与と賞与按分の合計(エンジンの計算値)</source>
            <translation>Salary plus bonus share (computed)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="179" />
            <source>月額限度額との比較</source>
            <translation>Against the monthly limit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="229" />
            <source>PDFの文字情報</source>
            <translation>the PDF's text</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="230" />
            <source>画像の文字認識(OCR)</source>
            <translation>text recognition (OCR)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="231" />
            <source>賞与</source>
            <translation>Bonus</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="231" />
            <source>給与</source>
            <translation>Salary</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="232" />
            <source>書類から読み取った{kind}の候補: {amount}円
読み取り元: {source}（{page}ページ目、確からしさ {confidence}%）</source>
            <translation>{kind} read from the document: ¥{amount}
Source: {source} (page {page}, confidence {confidence}%)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="238" />
            <source>確からしさが低い候補です。書類をよく確かめてください。</source>
            <translation>Low confidence: check the document carefully.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="239" />
            <source>Enter で確定して次の月へ ／ 数字を入力すると置き換え</source>
            <translation>Enter accepts and moves to the next month / typing a number replaces it</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="260" />
            <location filename="../../reviewer_app/ui/income/models.py" line="318" />
            <source>未入力</source>
            <translation>Not entered</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="273" />
            <source>未入力です。支給がなかった月は 0 を入力してください。</source>
            <translation>Not entered. Enter 0 for a month without pay.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="275" />
            <source>書類から読み取った金額を確認して確定しました（{page}ページ目）</source>
            <translation>Confirmed from the amount read from the document (page {page})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="309" />
            <source>{month}: {amount}円</source>
            <translation>{month}: ¥{amount}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="312" />
            <source>除外日の判定に使われた月です。</source>
            <translation>This month set the exclusion date.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="320" />
            <source>超過</source>
            <translation>Over</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="322" />
            <source>以内</source>
            <translation>Within</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="324" />
            <source>・判定</source>
            <translation> · verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="326" />
            <source>・再認定</source>
            <translation> · re-cert.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="356" />
            <source>{month}の給与を入力</source>
            <translation>Enter salary for {month}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="357" />
            <source>{month}から{n}か月分を貼り付け</source>
            <translation>Paste {n} months from {month}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="378" />
            <source>{month}の候補を確定</source>
            <translation>Accept the suggestion for {month}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/income/models.py" line="403" />
            <source>{n}件の候補を確定</source>
            <translation>Accept {n} suggestions</translation>
        </message>
    </context>
    <context>
        <name>MonthGridView</name>
        <message>
            <location filename="../../reviewer_app/ui/income/grid.py" line="54" />
            <source>月別の収入</source>
            <translation>Monthly income</translation>
        </message>
    </context>
    <context>
        <name>NoticeHistoryModel</name>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="138" />
            <source>連絡日</source>
            <translation>Sent on</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="139" />
            <source>回答期限</source>
            <translation>Reply by</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="140" />
            <source>件数</source>
            <translation>Items</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="141" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="155" />
            <source>{n}件</source>
            <translation>{n}</translation>
        </message>
    </context>
    <context>
        <name>NoticeItemsModel</name>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="59" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="60" />
            <source>不備の内容</source>
            <translation>Deficiency</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="61" />
            <source>ご提出いただきたいもの</source>
            <translation>What to submit</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="62" />
            <source>補足(自由記入)</source>
            <translation>Note (free text)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_model.py" line="79" />
            <source>ダブルクリックで補足を入力</source>
            <translation>Double-click to add a note</translation>
        </message>
    </context>
    <context>
        <name>NoticeTab</name>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="101" />
            <source>全体へのメッセージ(任意。項目の後に載ります)</source>
            <translation>Message (optional; printed after the items)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="109" />
            <source>回答期限</source>
            <translation>Reply by</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="110" />
            <source>メッセージ</source>
            <translation>Message</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="112" />
            <source>不備連絡を記録</source>
            <translation>Record notice</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="120" />
            <source>不備連絡の内容</source>
            <translation>Notice contents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="131" />
            <source>プレビュー(会員に届く文面)</source>
            <translation>Preview (the text the member receives)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="145" />
            <source>記録済みの不備連絡</source>
            <translation>Recorded notices</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="217" />
            <source>記録済みの不備連絡 ({n}件)</source>
            <translation>Recorded notices ({n})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="266" />
            <source>記録済みです。項目・補足・回答期限・メッセージを変えると、もう一度記録できます。</source>
            <translation>Recorded. Change an item, a note, the deadline or the message to record again.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="271" />
            <source>被扶養者を選択してください。</source>
            <translation>Select a dependent.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="274" />
            <source>不備のある書類はありません。書類タブで「不備」とした書類と、未提出の必要書類がここに載ります。</source>
            <translation>No deficient documents. Documents marked deficient in the Documents tab, and required documents not submitted, are listed here.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/case/notice_tab.py" line="278" />
            <source>{n}件の書類について不備連絡を作成します。補足欄はダブルクリックで入力できます。</source>
            <translation>A notice for {n} documents. Double-click a note cell to add a note.</translation>
        </message>
    </context>
    <context>
        <name>OutputMenu</name>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="41" />
            <source>出力(&amp;O)</source>
            <translation>&amp;Output</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="43" />
            <source>Webシステムへ結果を出力…</source>
            <translation>Results for the web system…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="47" />
            <source>除外者一覧 (Excel)…</source>
            <translation>Exclusion list (Excel)…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="50" />
            <source>除外者一覧 (CSV)…</source>
            <translation>Exclusion list (CSV)…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="54" />
            <source>通知文書 (PDF)…</source>
            <translation>Letters (PDF)…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="61" />
            <source>Webシステムへ結果を出力</source>
            <translation>Export results for the web system</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="63" />
            <source>結果バンドル (*.zip)</source>
            <translation>Results bundle (*.zip)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="69" />
            <source>結果を書き出しました (通番 {seq}): 被扶養者 {n} 件、不備連絡 {m} 件
{path}</source>
            <translation>Results written (sequence {seq}): {n} dependents, {m} notices
{path}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="75" />
            <source>結果を書き出せません</source>
            <translation>Cannot export the results</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="79" />
            <source>Excel ブック (*.xlsx)</source>
            <translation>Excel workbook (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="79" />
            <source>CSV (*.csv)</source>
            <translation>CSV (*.csv)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="80" />
            <source>除外者一覧を出力</source>
            <translation>Export the exclusion list</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="87" />
            <source>除外者一覧を書き出しました ({n} 件)
{path}</source>
            <translation>Exclusion list written ({n} rows)
{path}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="91" />
            <source>除外者一覧を書き出せません</source>
            <translation>Cannot export the exclusion list</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="94" />
            <source>通知文書を出力</source>
            <translation>Export the letters</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="95" />
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="101" />
            <source>通知文書を書き出しました ({n} 通)
{path}</source>
            <translation>Letters written ({n})
{path}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="105" />
            <source>通知文書を書き出せません</source>
            <translation>Cannot write the letters</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/outputs.py" line="109" />
            <source>出力</source>
            <translation>Output</translation>
        </message>
    </context>
    <context>
        <name>PageView</name>
        <message>
            <location filename="../../reviewer_app/ui/viewer/page_view.py" line="208" />
            <source>読み込み中…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/viewer/page_view.py" line="482" />
            <source>マイナンバー（個人番号）が写っていないか確認しています…</source>
            <translation>Checking the page for a My Number (individual number)…</translation>
        </message>
    </context>
    <context>
        <name>PaperDialog</name>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="222" />
            <source>紙の調査票を入力</source>
            <translation>Enter a paper survey</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="234" />
            <source>記号-番号 (例 10-123)</source>
            <translation>Symbol-number (e.g. 10-123)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="236" />
            <source>被扶養者の氏名またはID</source>
            <translation>Dependent's name or id</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="237" />
            <source>呼び出す</source>
            <translation>Look up</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="239" />
            <source>被保険者</source>
            <translation>Insured</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="241" />
            <source>被扶養者</source>
            <translation>Dependent</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="246" />
            <source>被保険者と被扶養者を指定して呼び出してください。</source>
            <translation>Give the insured and the dependent and look them up.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="255" />
            <source>1. 被保険者の保険証</source>
            <translation>1. The insured's card</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="256" />
            <source>続柄・生年月日を確認した</source>
            <translation>Relationship and birth date confirmed</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="258" />
            <source>2. 被扶養者の基本情報</source>
            <translation>2. The dependent's details</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="260" />
            <source>3. 被扶養者の保険証</source>
            <translation>3. The dependent's card</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="261" />
            <source>4. 現在の職業と収入見込（該当するものすべて）</source>
            <translation>4. Occupation and expected income (every one that applies)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="284" />
            <source>あり</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="291" />
            <source>5. その他の収入（遺産相続など）</source>
            <translation>5. Other income (inheritance …)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="296" />
            <source>6. 同居・別居</source>
            <translation>6. Living together or apart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="298" />
            <source>別居の場合 YYYY-MM</source>
            <translation>If apart: YYYY-MM</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="300" />
            <source>別居日</source>
            <translation>Living apart since</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="302" />
            <source>退職年月、確定申告していない、一時的な収入増の理由など</source>
            <translation>Month of retirement, no tax return filed, reason for a temporary rise …</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="304" />
            <source>7. 連絡欄</source>
            <translation>7. Notes to the insurer</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="307" />
            <source>スキャン（ファイルをここへドラッグ＆ドロップできます）</source>
            <translation>Scans (drag and drop files here)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="313" />
            <source>ファイルを追加…</source>
            <translation>Add files…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="315" />
            <source>削除</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="316" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="322" />
            <source>スキャナーのフォルダを監視…</source>
            <translation>Watch the scanner's folder…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="345" />
            <source>訂正として入力（新しい版）</source>
            <translation>Enter as a correction (a new revision)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="346" />
            <source>入力を保存</source>
            <translation>Save the entry</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="348" />
            <source>入力確認</source>
            <translation>Check the entry</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="349" />
            <source>入力した人とは別の担当者が、紙の調査票と入力内容を照らし合わせて確認します</source>
            <translation>Another examiner than the one who entered it compares the entry with the paper survey</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="352" />
            <source>閉じる</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="402" />
            <source>案件 {case}（{relationship}）</source>
            <translation>Case {case} ({relationship})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="405" />
            <source>：紙の調査票は未入力です。</source>
            <translation>: the paper survey is not entered yet.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="406" />
            <source>：WEBの未提出者です（入力すると紙に切り替わります）。</source>
            <translation>: has not answered on the web (entering switches them to paper).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="407" />
            <source>：第{revision}版を {who} が入力</source>
            <translation>: revision {revision} entered by {who}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="410" />
            <source>、{who} が入力確認済み。</source>
            <translation>, checked by {who}.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="411" />
            <source>、入力確認待ち。</source>
            <translation>, awaiting its check.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="461" />
            <source>スキャンを追加</source>
            <translation>Add scans</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="462" />
            <source>スキャン (*.pdf *.jpg *.jpeg *.png *.bmp *.gif *.heic);;すべてのファイル (*)</source>
            <translation>Scans (*.pdf *.jpg *.jpeg *.png *.bmp *.gif *.heic);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="466" />
            <source>スキャナーの保存先フォルダ</source>
            <translation>The scanner's output folder</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="473" />
            <source>監視中: {folder}</source>
            <translation>Watching: {folder}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="487" />
            <source>ページは 開始-終了 の形で入力してください（例 1-3）。</source>
            <translation>Give the pages as FIRST-LAST (e.g. 1-3).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="506" />
            <source>第{revision}版として保存しました（ファイル {files} 件）。別の担当者が入力確認をするまで審査は始められません。</source>
            <translation>Saved as revision {revision} ({files} files). Its review starts once another examiner has checked the entry.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="510" />
            <source>開けないファイルが {n} 件あります（書類タブに表示されます）。</source>
            <translation> {n} files cannot be opened (the documents tab shows them).</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="529" />
            <source>入力確認をしました。審査を始められます。</source>
            <translation>Entry checked. The review can start.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="544" />
            <source> 円</source>
            <translation> yen</translation>
        </message>
    </context>
    <context>
        <name>ProgressChart</name>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="60" />
            <source>進捗のグラフ</source>
            <translation>Progress chart</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="94" />
            <location filename="../../reviewer_app/ui/progress_chart.py" line="176" />
            <source>件数</source>
            <translation>Cases</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="128" />
            <source>判定案あり（累計）</source>
            <translation>Proposed (cumulative)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="129" />
            <source>完了（累計）</source>
            <translation>Done (cumulative)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="130" />
            <source>対象件数</source>
            <translation>Cases in the survey</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="131" />
            <source>提出期限</source>
            <translation>Submission deadline</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="132" />
            <location filename="../../reviewer_app/ui/progress_chart.py" line="201" />
            <source>今日</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="154" />
            <source>まだ進捗のデータがありません</source>
            <translation>No progress to show yet</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="190" />
            <source>日付</source>
            <translation>Date</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="207" />
            <source>対象 {n}件</source>
            <translation>{n} cases</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="200" />
            <source>提出期限 {d}</source>
            <translation>Deadline {d}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_chart.py" line="283" />
            <source>{day}: 判定案あり {proposed}件・完了 {done}件</source>
            <translation>{day}: {proposed} proposed, {done} done</translation>
        </message>
    </context>
    <context>
        <name>ProgressView</name>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="101" />
            <source>更新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="102" />
            <source>最新の件数を読み込みます</source>
            <translation>Load the latest figures</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="118" />
            <source>対象</source>
            <translation>Cases</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="118" />
            <location filename="../../reviewer_app/ui/progress_view.py" line="304" />
            <source>完了</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="119" />
            <source>承認待ち</source>
            <translation>Awaiting approval</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="120" />
            <source>不備連絡 未回答</source>
            <translation>Notices unanswered</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="121" />
            <source>未提出</source>
            <translation>Not submitted</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="122" />
            <source>提出期限</source>
            <translation>Submission deadline</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="135" />
            <source>状態別</source>
            <translation>By status</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="137" />
            <source>完了の内訳</source>
            <translation>Done by verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="145" />
            <source>担当者別</source>
            <translation>By holder</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="148" />
            <source>事業所別</source>
            <translation>By office</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="217" />
            <source>読み込み中…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="260" />
            <source>基準日 {day}</source>
            <translation>As of {day}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="263" />
            <location filename="../../reviewer_app/ui/progress_view.py" line="265" />
            <source>件</source>
            <translation>cases</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="267" />
            <source>うち期限切れ {overdue}件・再提出あり {answered}件</source>
            <translation>{overdue} overdue, {answered} answered</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="270" />
            <source>未完了の被扶養者</source>
            <translation>dependents not done</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="272" />
            <source>{deadline}（未提出の除外日 {exclusion}）</source>
            <translation>{deadline} (non-submitters excluded {exclusion})</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="282" />
            <source>状態</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="282" />
            <location filename="../../reviewer_app/ui/progress_view.py" line="292" />
            <source>件数</source>
            <translation>Cases</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="282" />
            <location filename="../../reviewer_app/ui/progress_view.py" line="292" />
            <source>割合</source>
            <translation>Share</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="288" />
            <source>完了の内訳: 扶養継続 {keep}件・扶養除外 {exclude}件・その他 {other}件</source>
            <translation>Done: {keep} continued, {exclude} excluded, {other} other</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="292" />
            <source>判定</source>
            <translation>Verdict</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="295" />
            <source>その他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="299" />
            <source>（未割当）</source>
            <translation>(unassigned)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="301" />
            <source>担当者</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="301" />
            <location filename="../../reviewer_app/ui/progress_view.py" line="304" />
            <source>計</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="304" />
            <source>事業所</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="304" />
            <source>事業所名</source>
            <translation>Office name</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="305" />
            <source>完了率</source>
            <translation>Done %</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="322" />
            <source>あと {n}日</source>
            <translation>{n} days left</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="324" />
            <source>本日</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/progress_view.py" line="325" />
            <source>{n}日経過</source>
            <translation>{n} days ago</translation>
        </message>
    </context>
    <context>
        <name>QueueModel</name>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="55" />
            <source>記号番号</source>
            <translation>Card no.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="56" />
            <source>被保険者</source>
            <translation>Insured</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="57" />
            <source>被扶養者</source>
            <translation>Dependent</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="58" />
            <source>カナ</source>
            <translation>Kana</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="59" />
            <source>続柄</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="60" />
            <source>事業所</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="61" />
            <source>状態</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="62" />
            <source>担当</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="63" />
            <source>判定案</source>
            <translation>Proposal</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="64" />
            <source>添付</source>
            <translation>Files</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="65" />
            <location filename="../../reviewer_app/ui/queue/model.py" line="328" />
            <source>更新あり</source>
            <translation>Updated</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="306" />
            <source>（読めません）</source>
            <translation>(unreadable)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="334" />
            <source>この案件のデータは壊れているか書き換えられています。管理者に連絡してください</source>
            <translation>This case's data is damaged or was altered. Contact your administrator.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="338" />
            <source>{name}さんが担当しています</source>
            <translation>Held by {name}</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/model.py" line="341" />
            <source>審査を始めた後に会員が回答または書類を更新しました</source>
            <translation>The member updated answers or documents after the review started</translation>
        </message>
    </context>
    <context>
        <name>QueueWidget</name>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="90" />
            <source>承認待ちの判定案（古い順）。開くと現在のデータで再計算した結果と並べて表示します。</source>
            <translation>Proposals awaiting approval (oldest first). Opening one shows it beside the evaluation re-run on the current data.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="111" />
            <location filename="../../reviewer_app/ui/queue/widget.py" line="134" />
            <location filename="../../reviewer_app/ui/queue/widget.py" line="383" />
            <source>すべて</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="141" />
            <source>氏名・カナ・記号番号で検索</source>
            <translation>Search by name, kana or card number</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="159" />
            <source>更新あり</source>
            <translation>Updated</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="160" />
            <source>更新なし</source>
            <translation>Not updated</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="168" />
            <source>状態</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="169" />
            <source>事業所</source>
            <translation>Office</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="170" />
            <source>担当</source>
            <translation>Holder</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="171" />
            <source>続柄</source>
            <translation>Relationship</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="172" />
            <source>判定案</source>
            <translation>Proposal</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="173" />
            <source>更新</source>
            <translation>Updated after review</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="174" />
            <source>絞り込み</source>
            <translation>Show only</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="225" />
            <location filename="../../reviewer_app/ui/queue/widget.py" line="231" />
            <location filename="../../reviewer_app/ui/queue/widget.py" line="418" />
            <source>開く</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="233" />
            <source>解放</source>
            <translation>Release</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="235" />
            <source>担当者の割り当てを外して、ほかの人が開けるようにします</source>
            <translation>Remove the holder so that someone else can open the case</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="238" />
            <source>選択した未提出者を除外で提案</source>
            <translation>Propose exclusion of the selected non-submitters</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="241" />
            <source>選択した案件のうち調査票が未提出の被扶養者を、調査の定める日付で扶養除外として提案します（提出期限の後だけ）</source>
            <translation>Propose the exclusion of every selected dependent who did not submit the survey, as of the date the survey sets (only after the submission deadline)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="245" />
            <source>選択を承認</source>
            <translation>Approve selected</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="248" />
            <source>選択した判定案を1件ずつ承認します（自分の判定案は承認されません）</source>
            <translation>Approve each selected proposal (your own proposals are not approved)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="400" />
            <source>{total}件 ({shown}件を表示中)</source>
            <translation>{total} cases ({shown} loaded)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="420" />
            <source>紙の調査票を入力…</source>
            <translation>Enter a paper survey…</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/queue/widget.py" line="427" />
            <source>解放 ({name}さんの担当を外す)</source>
            <translation>Release (take the case from {name})</translation>
        </message>
    </context>
    <context>
        <name>RecordSection</name>
        <message>
            <location filename="../../reviewer_app/ui/income/sections.py" line="40" />
            <source>選択行を削除</source>
            <translation>Delete selected row</translation>
        </message>
    </context>
    <context>
        <name>ScanList</name>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="146" />
            <source>書類</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="146" />
            <source>ファイル</source>
            <translation>Files</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="147" />
            <source>ページ (例 1-3)</source>
            <translation>Pages (e.g. 1-3)</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="14" />
            <source>設定</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="19" />
            <source>言語の変更は次回の起動から反映されます。</source>
            <translation>A language change applies from the next start.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="24" />
            <source> 分</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="27" />
            <source>和暦（令和6年9月1日）</source>
            <translation>Japanese era (令和6年9月1日)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="28" />
            <source>西暦（2024/09/01）</source>
            <translation>Western (2024/09/01)</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="33" />
            <source>言語 / Language</source>
            <translation>言語 / Language</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="35" />
            <source>自動ロックまでの時間</source>
            <translation>Lock after idle</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="36" />
            <source>日付の表示</source>
            <translation>Dates</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="40" />
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/settings_dialog.py" line="42" />
            <source>キャンセル</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>Shell</name>
        <message>
            <location filename="../../reviewer_app/ui/app.py" line="88" />
            <source>デモ用ワークスペースです（架空の人物）。パスワードはターミナルに表示されています。</source>
            <translation>A demo workspace of invented people. The passwords are printed in the terminal.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutDialog</name>
        <message>
            <location filename="../../reviewer_app/ui/shortcut_table.py" line="95" />
            <source>ショートカット一覧</source>
            <translation>Keyboard shortcuts</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/shortcut_table.py" line="98" />
            <source>操作</source>
            <translation>Action</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/shortcut_table.py" line="98" />
            <source>キー</source>
            <translation>Keys</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/shortcut_table.py" line="99" />
            <source>使える場所</source>
            <translation>Where</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/shortcut_table.py" line="111" />
            <source>月別の給与の表では Tab・Enter で次の月、Shift+Tab で前の月、Delete で未入力に戻す、Ctrl+V で縦に貼り付けができます。</source>
            <translation>In the monthly pay grid: Tab or Enter goes to the next month, Shift+Tab to the previous one, Delete clears a month, Ctrl+V pastes a column.</translation>
        </message>
    </context>
    <context>
        <name>ShortcutTable</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="176" />
            <source>書類ビューア</source>
            <translation>Document viewer</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="177" />
            <source>収入タブ</source>
            <translation>Income tab</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="178" />
            <source>案件画面</source>
            <translation>Case page</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="179" />
            <source>キュー</source>
            <translation>Queue</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="180" />
            <source>どこでも</source>
            <translation>Anywhere</translation>
        </message>
    </context>
    <context>
        <name>TaskManager</name>
        <message>
            <location filename="../../reviewer_app/ui/tasks.py" line="57" />
            <source>予期しないエラーが起きました。操作をやり直してください。繰り返し起きる場合は管理者に連絡してください。</source>
            <translation>An unexpected error occurred. Please try again; if it keeps happening, contact your administrator.</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/tasks.py" line="184" />
            <source>エラー</source>
            <translation>Error</translation>
        </message>
    </context>
    <context>
        <name>UpgradePrompt</name>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="182" />
            <source>このワークスペース（PostgreSQL）は旧版の形式です（{current} → {head}）。先に pg_dump でバックアップを取り、reviewer-app upgrade … --i-have-a-backup で更新してください（docs/operations.md の「Upgrading」）。</source>
            <translation>This workspace (PostgreSQL) has an older schema ({current} → {head}). Take a backup with pg_dump first, then upgrade it with reviewer-app upgrade … --i-have-a-backup (docs/operations.md, "Upgrading").</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="183" />
            <source>ワークスペースの更新</source>
            <translation>Upgrade the workspace</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="184" />
            <source>このワークスペースは旧版の形式です（{current} → {head}）。この版で使うには更新が必要です。

更新の前に、次の場所にバックアップを作ります:
{backup}

今すぐ更新しますか？ 更新中は他の人が使わないようにしてください。</source>
            <translation>This workspace has an older schema ({current} → {head}). It must be upgraded to be used with this version.

A backup is made first, here:
{backup}

Upgrade now? Make sure nobody else uses the workspace meanwhile.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="185" />
            <source>更新しませんでした。更新するまでこのワークスペースは開けません。</source>
            <translation>Not upgraded. The workspace cannot be opened until it is upgraded.</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="186" />
            <source>バックアップを作って更新しています…</source>
            <translation>Backing up and upgrading…</translation>
        </message>
        <message>
            <location filename="../../tools/i18n_wrapped_strings.py" line="187" />
            <source>ワークスペースを更新しました。バックアップ: {backup}</source>
            <translation>The workspace was upgraded. Backup: {backup}</translation>
        </message>
    </context>
    <context>
        <name>_YesNo</name>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="125" />
            <source>有</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../reviewer_app/ui/paper_dialog.py" line="126" />
            <source>無</source>
            <translation>No</translation>
        </message>
    </context>
</TS>
