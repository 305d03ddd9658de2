// The page's stylesheet, inlined. On screen: a column the width of an A4 page, a live status box saying
// whether the rules have changed since the note (hidden on paper: it is not part of the note). In print:
// A4, 12 mm margins, headings kept with what follows, rows not split across pages.
export const STYLE = `
:root{--text:#1a1a1a;--muted:#5a5a5a;--rule:#c9c9c9;--accent:#7a1f2b;--warn:#b00020;--warnbg:#fdecea;--sample:#8a5a00;--samplebg:#fff4d6}
*{box-sizing:border-box}
html{font-family:"Noto Sans","Noto Sans Arabic",sans-serif;color:var(--text);font-size:10pt;line-height:1.4;background:#eee}
[lang=ar]{font-family:"Noto Sans Arabic","Noto Sans",sans-serif;line-height:1.7}
body{margin:0;padding:12px}
main{background:#fff;max-width:210mm;margin:0 auto;padding:12mm}
.status{max-width:210mm;margin:0 auto 8px;padding:8px 12mm;border-left:6px solid;background:#fff}
.status.changed{border-color:var(--warn)} .status.same{border-color:#2b9348}
.status p{margin:2px 0}
.letterhead{direction:ltr;display:flex;justify-content:space-between;align-items:flex-start;gap:8mm;font-size:9pt}
.letterhead>div{flex:1}
.letterhead .qr{flex:none}
h1{text-align:center;color:var(--accent);margin:4mm 0 2mm}
h1 span{display:block}
h1 [lang=ar]{font-size:18pt} h1 [lang=fr]{font-size:13.5pt;text-transform:uppercase}
.banner{border:1.2pt solid;padding:2mm 3mm;margin:2mm 0 3mm;text-align:center}
.banner p{margin:1mm 0}
.banner p:first-child,.banner p:nth-child(2){font-weight:700}
.banner.warning{color:var(--warn);background:var(--warnbg);border-color:var(--warn)}
.banner.official{color:#7a1f2b;border-color:#7a1f2b}
.banner.illustrative{color:var(--sample);background:var(--samplebg);border-color:var(--sample)}
h2{color:var(--accent);font-size:11.5pt;border-bottom:0.8pt solid var(--accent);margin:5mm 0 2mm;padding-bottom:1mm}
.pair{display:flex;gap:6mm}
.pair>*{flex:1;margin:0}
h3{font-size:9.5pt;margin:2mm 0 0}
.sub.level1 h3{font-size:10.5pt}
.sub.level2 h3{color:var(--accent)}
.tag{font-size:7.5pt;color:var(--muted);margin:0}
table{border-collapse:collapse;width:100%;margin:1mm 0 2mm}
.fields th{font-weight:400;color:var(--muted);text-align:start;vertical-align:top;width:20%;font-size:8pt;padding:0.6mm 1.5mm}
.fields td{vertical-align:top;width:30%;font-size:8.5pt;padding:0.6mm 1.5mm}
.fields tr{border-bottom:0.3pt solid #ececec}
.mono .fields th{width:32%} .mono .fields td{width:68%}
.list .label{color:var(--muted);font-size:8pt}
.list ul{margin:0 0 1mm;padding-inline-start:5mm;font-size:8.5pt}
.para{font-size:8.5pt;margin:1mm 0 2mm}
.para.muted{color:var(--muted);font-size:8pt}
.data{font-size:8pt}
.data caption{text-align:start;font-weight:700;font-size:8pt;padding-bottom:1mm}
.data caption .pair{justify-content:space-between}
.data caption .pair>*{flex:none}
.data th{font-size:7.5pt;color:var(--muted);border-bottom:0.6pt solid var(--rule);padding:0.8mm 1.5mm}
.data td{padding:0.8mm 1.5mm}
.data tbody tr:nth-child(even){background:#f6f6f4}
.data .end{text-align:end} .data .start{text-align:start}
.mapbox{margin:0}
.map{display:block;max-width:100%;height:auto;font-family:"Noto Sans",sans-serif}
.legend{list-style:none;padding:0;margin:2mm 0;font-size:7.5pt;columns:2}
.legend li{display:flex;gap:2mm;align-items:center;break-inside:avoid}
.legend li span{flex:1}
.swatch{flex:none}
figcaption .pair{font-size:8pt;color:var(--muted)}
.verify{font-size:8pt;margin-top:3mm}
.url{word-break:break-all}
@page{size:A4;margin:12mm}
@media print{
  html,body{background:#fff;padding:0}
  main{padding:0;max-width:none}
  .status{display:none}
  h2,h3,.sub{break-after:avoid}
  tr,.pair,.banner,figure{break-inside:avoid}
}
`;
