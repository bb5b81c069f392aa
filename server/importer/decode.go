package importer

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDocumentXML bounds the uncompressed word/document.xml we read, so that a
// crafted zip cannot exhaust memory. Real method documents are far smaller.
const maxDocumentXML = 64 << 20

var (
	zipMagic = []byte("PK\x03\x04")
	// oleMagic starts legacy Office files (.doc, .xls, .wps): users often
	// upload a .doc, and deserve a better answer than "binary".
	oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	pdfMagic = []byte("%PDF-")
)

func isZip(data []byte) bool { return bytes.HasPrefix(data, zipMagic) }

func notText(line int, format string, args ...any) *Problem {
	return &Problem{Line: line, Severity: SeverityError, Code: CodeNotText, Message: fmt.Sprintf(format, args...)}
}

// decodeText turns file bytes into text. UTF-16 is accepted when it carries a
// byte-order mark, because that is what Windows Notepad writes as "Unicode";
// GBK is not guessed at: it cannot be told from other encodings reliably.
func decodeText(data []byte) (string, *Problem) {
	switch {
	case bytes.HasPrefix(data, oleMagic):
		return "", notText(0, "文件是旧版Word(.doc)或其他Office二进制格式,无法直接读取;请在Word中另存为.docx或UTF-8纯文本后重新导入")
	case bytes.HasPrefix(data, pdfMagic):
		return "", notText(0, "文件是PDF,无法读取其中的文字;请提供Word(.docx)或UTF-8纯文本版本")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data[2:], binary.LittleEndian)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data[2:], binary.BigEndian)
	}
	return checkText(string(data))
}

func decodeUTF16(data []byte, order binary.ByteOrder) (string, *Problem) {
	if len(data)%2 != 0 {
		return "", notText(0, "文件以UTF-16字节序标记开头,但长度为奇数字节,不是完整的UTF-16文本;请另存为UTF-8后重新导入")
	}
	units := make([]uint16, len(data)/2)
	for i := range units {
		units[i] = order.Uint16(data[2*i:])
	}
	return checkText(string(utf16.Decode(units)))
}

// checkText rejects what cannot be a text document and strips a byte-order mark.
func checkText(text string) (string, *Problem) {
	text = strings.TrimPrefix(text, "\uFEFF")
	if i := strings.IndexByte(text, 0); i >= 0 {
		return "", notText(lineAt(text, i), "文件第%d字节是NUL(0x00),这是二进制文件而不是文本;请提供Word(.docx)或UTF-8纯文本格式的考评办法", i+1)
	}
	if !utf8.ValidString(text) {
		i := firstInvalidUTF8(text)
		return "", notText(lineAt(text, i), "文件第%d字节起不是有效的UTF-8文本(可能是GBK/GB18030编码,或是二进制文件);请用记事本等工具另存为UTF-8编码,或提供Word(.docx)文件", i+1)
	}
	return text, nil
}

func firstInvalidUTF8(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return len(s)
}

// lineAt is the 1-based line of byte offset i.
func lineAt(s string, i int) int { return strings.Count(s[:i], "\n") + 1 }

// docxText extracts the text of a Word document: one line per paragraph
// (<w:p>), its runs' <w:t> concatenated, <w:tab/> as a tab and <w:br/>/<w:cr/>
// as a line break. It also returns the lines whose paragraph uses Word's
// automatic numbering, whose numbers are not in the text at all.
func docxText(data []byte) (string, map[int]bool, *Problem) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", nil, &Problem{Severity: SeverityError, Code: CodeBadDocx,
			Message: fmt.Sprintf("文件以ZIP标志开头(.docx即为ZIP格式),但无法作为ZIP读取,文件可能已损坏或不完整:%v", err)}
	}
	var doc *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			doc = f
			break
		}
	}
	if doc == nil {
		return "", nil, &Problem{Severity: SeverityError, Code: CodeBadDocx,
			Message: "文件是ZIP压缩包,但其中没有word/document.xml,不是Word(.docx)文档(可能是Excel、PowerPoint或其他压缩包)"}
	}
	if doc.UncompressedSize64 > maxDocumentXML {
		return "", nil, tooLargeDocx()
	}
	rc, err := doc.Open()
	if err != nil {
		return "", nil, badDocx(err)
	}
	defer rc.Close()
	// The size in the zip directory can lie; the limit is enforced on the bytes read.
	xmlData, err := io.ReadAll(io.LimitReader(rc, maxDocumentXML+1))
	if err != nil {
		return "", nil, badDocx(err)
	}
	if len(xmlData) > maxDocumentXML {
		return "", nil, tooLargeDocx()
	}
	text, auto, err := documentXMLText(xmlData)
	if err != nil {
		return "", nil, badDocx(err)
	}
	if !utf8.ValidString(text) {
		return "", nil, badDocx(fmt.Errorf("文字不是有效的UTF-8"))
	}
	return text, auto, nil
}

func badDocx(err error) *Problem {
	return &Problem{Severity: SeverityError, Code: CodeBadDocx,
		Message: fmt.Sprintf("Word文档的正文(word/document.xml)无法读取,文件可能已损坏:%v;请在Word中重新保存后再导入", err)}
}

func tooLargeDocx() *Problem {
	return &Problem{Severity: SeverityError, Code: CodeTooLarge,
		Message: fmt.Sprintf("Word文档正文超过%dMB,远大于考评办法应有的篇幅,未读取;请确认文件是否正确", maxDocumentXML>>20)}
}

// documentXMLText walks WordprocessingML by local names, so that both the
// transitional and the strict namespace work.
func documentXMLText(data []byte) (string, map[int]bool, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		out       strings.Builder
		para      strings.Builder
		line      = 1 // line number the current paragraph starts on
		auto      = map[int]bool{}
		numbered  bool // the current paragraph has <w:numPr>
		inText    bool
		runDepth  int
		skipDepth int
	)
	emit := func() {
		s := para.String()
		if numbered {
			auto[line] = true
		}
		out.WriteString(s)
		out.WriteByte('\n')
		line += strings.Count(s, "\n") + 1
		para.Reset()
		numbered = false
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipDepth > 0 {
				skipDepth++
				continue
			}
			switch t.Name.Local {
			case "Fallback":
				// mc:AlternateContent repeats its content in a fallback for
				// old readers; reading both would duplicate the text.
				skipDepth = 1
			case "p":
				// A paragraph inside a paragraph (a text box): what came
				// before it is a line of its own.
				if para.Len() > 0 {
					emit()
				}
			case "r":
				runDepth++
			case "t":
				inText = true
			case "tab":
				// <w:tab/> also defines tab stops in paragraph properties;
				// only a tab inside a run is a character.
				if runDepth > 0 {
					para.WriteByte('\t')
				}
			case "br", "cr":
				if runDepth > 0 {
					para.WriteByte('\n')
				}
			case "noBreakHyphen":
				if runDepth > 0 {
					para.WriteByte('-')
				}
			case "numPr":
				numbered = true
			}
		case xml.EndElement:
			if skipDepth > 0 {
				skipDepth--
				continue
			}
			switch t.Name.Local {
			case "p":
				emit()
			case "r":
				runDepth--
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && skipDepth == 0 {
				para.Write(t)
			}
		}
	}
	if para.Len() > 0 {
		emit()
	}
	return out.String(), auto, nil
}
