// Package validate checks API inputs with validator/v10 before they reach the
// database, and reports every broken rule as a field error in Chinese and
// English.
package validate

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/zh"
	ut "github.com/go-playground/universal-translator"
	"github.com/go-playground/validator/v10"
	entrans "github.com/go-playground/validator/v10/translations/en"
	zhtrans "github.com/go-playground/validator/v10/translations/zh"
	"github.com/shopspring/decimal"

	"github.com/kaoping/kaoping/server/apperr"
)

var (
	v   = validator.New(validator.WithRequiredStructEnabled())
	zhT ut.Translator
	enT ut.Translator
)

func init() {
	// Report fields by their GraphQL (json) names, not Go names.
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		return name
	})
	// validator sees a decimal as its exact text; dgte, dlte and dplaces
	// parse it back, so no float is involved.
	v.RegisterCustomTypeFunc(func(f reflect.Value) any { return f.Interface().(decimal.Decimal).String() }, decimal.Decimal{})
	must(v.RegisterValidation("dgte", decimalCompare(func(d, p decimal.Decimal) bool { return d.GreaterThanOrEqual(p) })))
	must(v.RegisterValidation("dlte", decimalCompare(func(d, p decimal.Decimal) bool { return d.LessThanOrEqual(p) })))
	must(v.RegisterValidation("dplaces", decimalPlaces))
	must(v.RegisterValidation("username", func(fl validator.FieldLevel) bool { return usernamePattern.MatchString(fl.Field().String()) }))

	uni := ut.New(zh.New(), zh.New(), en.New())
	zhT, _ = uni.GetTranslator("zh")
	enT, _ = uni.GetTranslator("en")
	must(zhtrans.RegisterDefaultTranslations(v, zhT))
	must(entrans.RegisterDefaultTranslations(v, enT))
	custom := map[string][2]string{
		"dgte":     {"{0}不能小于{1}", "{0} must be at least {1}"},
		"dlte":     {"{0}不能大于{1}", "{0} must be at most {1}"},
		"dplaces":  {"{0}最多保留{1}位小数", "{0} may have at most {1} decimal places"},
		"username": {"{0}须为3至64位字母、数字或 _ . -", "{0} must be 3–64 letters, digits, _ . or -"},
	}
	for tag, msgs := range custom {
		registerMessage(tag, zhT, msgs[0])
		registerMessage(tag, enT, msgs[1])
	}
}

func must(err error) {
	if err != nil {
		panic(fmt.Sprintf("validate: %v", err))
	}
}

func registerMessage(tag string, t ut.Translator, text string) {
	must(v.RegisterTranslation(tag, t,
		func(t ut.Translator) error { return t.Add(tag, text, true) },
		func(t ut.Translator, fe validator.FieldError) string {
			msg, _ := t.T(tag, fe.Field(), fe.Param())
			return msg
		}))
}

func decimalOf(fl validator.FieldLevel) (decimal.Decimal, bool) {
	f := fl.Field()
	if f.Kind() != reflect.String {
		panic(fmt.Sprintf("validate: %s is not a decimal", fl.FieldName()))
	}
	d, err := decimal.NewFromString(f.String())
	return d, err == nil
}

func decimalCompare(ok func(d, param decimal.Decimal) bool) validator.Func {
	return func(fl validator.FieldLevel) bool {
		d, present := decimalOf(fl)
		if !present {
			return true
		}
		p, err := decimal.NewFromString(fl.Param())
		if err != nil {
			panic(fmt.Sprintf("validate: bad decimal parameter %q", fl.Param()))
		}
		return ok(d, p)
	}
}

func decimalPlaces(fl validator.FieldLevel) bool {
	d, present := decimalOf(fl)
	if !present {
		return true
	}
	max, err := strconv.Atoi(fl.Param())
	if err != nil {
		panic(fmt.Sprintf("validate: bad dplaces parameter %q", fl.Param()))
	}
	return d.Equal(d.Truncate(int32(max)))
}

// usernamePattern matches the database's check on users.username.
var usernamePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{3,64}$`)

// labels are the Chinese names users know the input fields by.
var labels = map[string]string{
	"name": "名称", "number": "序号", "points": "分值", "text": "任务内容", "year": "年度",
	"version": "版本号", "phrase": "时限表述", "month": "月份", "leadUnitIds": "牵头单位",
	"evaluateeIds": "考评对象", "aliases": "别名", "sortKey": "排序号", "kind": "单位类型",
	"group": "考评分组", "unitId": "单位", "planId": "考评方案", "dimensionId": "方面", "indicatorId": "指标",
	"dailyMonitoring": "日常监测权重", "fieldVisits": "实地调研权重", "publicOpinion": "民意调查权重",
	"thirdParty": "第三方评估权重", "id": "编号", "taskId": "任务", "username": "用户名", "password": "密码", "value": "分值", "comment": "说明", "reason": "理由", "narrative": "进展情况",
	"displayName": "姓名", "roles": "角色", "newPassword": "新密码", "currentPassword": "当前密码", "totpCode": "动态验证码", "email": "邮箱",
}

// Struct validates s (an input struct). The error, if any, is an
// apperr.Invalid listing every broken rule; field paths start with prefix
// (the GraphQL argument name, e.g. "input").
func Struct(prefix string, s any) error {
	err := v.Struct(s)
	if err == nil {
		return nil
	}
	var errs validator.ValidationErrors
	if !errors.As(err, &errs) {
		return fmt.Errorf("validate %s: %w", prefix, err)
	}
	out := &apperr.Error{Code: apperr.Invalid}
	for _, fe := range errs {
		// Namespace is "CreateTaskInput.deadline.month"; drop the type name.
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest
		}
		if prefix != "" {
			path = prefix + "." + path
		}
		zhMsg := fe.Translate(zhT)
		if label, ok := labels[fe.Field()]; ok {
			zhMsg = strings.Replace(zhMsg, fe.Field(), label, 1)
		}
		out.Fields = append(out.Fields, apperr.FieldError{
			Field:     path,
			Rule:      fe.Tag(),
			Message:   zhMsg,
			MessageEn: fe.Translate(enT),
		})
	}
	out.Message = "输入有误:" + out.Fields[0].Message
	out.MessageEn = "Invalid input: " + out.Fields[0].MessageEn
	if len(out.Fields) > 1 {
		out.Message += fmt.Sprintf(" 等 %d 处", len(out.Fields))
		out.MessageEn += fmt.Sprintf(" and %d more", len(out.Fields)-1)
	}
	return out
}
