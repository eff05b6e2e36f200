#pragma once

/// The stable diagnostic codes of the evaluator and type checker. Each has a
/// page docs/errors/CODE.md that `kilter explain CODE` prints.
namespace kilter::compiler::codes {

// E02xx: types and schemas.
inline constexpr char kUnknownType[] = "E0201";
inline constexpr char kUnknownField[] = "E0202";
inline constexpr char kTypeMismatch[] = "E0203";
inline constexpr char kOutOfRange[] = "E0204";
inline constexpr char kMissingField[] = "E0205";
inline constexpr char kMalformedValue[] = "E0206";
inline constexpr char kAssertFailed[] = "E0207";
inline constexpr char kDuplicateResource[] = "E0208";
inline constexpr char kContradiction[] = "E0209";
inline constexpr char kBadSchema[] = "E0210";
inline constexpr char kBadParamValue[] = "E0211";
inline constexpr char kDuplicateField[] = "E0212";
inline constexpr char kBadAccept[] = "E0213";
inline constexpr char kOverMemory[] = "E0214";
inline constexpr char kUnknownCover[] = "E0215";
inline constexpr char kUnknownCheck[] = "E0216";

// E03xx: names, imports, modules, cycles.
inline constexpr char kUnknownName[] = "E0301";
inline constexpr char kImportNotFound[] = "E0302";
inline constexpr char kImportCycle[] = "E0303";
inline constexpr char kNameClash[] = "E0304";
inline constexpr char kUnknownHost[] = "E0305";
inline constexpr char kUnknownModule[] = "E0306";
inline constexpr char kMissingArgument[] = "E0307";
inline constexpr char kUnknownArgument[] = "E0308";
inline constexpr char kUnknownParam[] = "E0309";
inline constexpr char kUnknownAfter[] = "E0310";
inline constexpr char kDependencyCycle[] = "E0311";
inline constexpr char kDefinitionCycle[] = "E0312";
inline constexpr char kMisplaced[] = "E0313";

// E04xx: kilter.toml (the inventory loader's own codes are E0401-E0410).
inline constexpr char kUnknownProvider[] = "E0411";

// E05xx: evaluating expressions.
inline constexpr char kOperandType[] = "E0501";
inline constexpr char kDivisionByZero[] = "E0502";
inline constexpr char kIndexOutOfRange[] = "E0503";
inline constexpr char kOverflow[] = "E0504";
inline constexpr char kNotBool[] = "E0505";
inline constexpr char kNotIterable[] = "E0506";
inline constexpr char kBadCall[] = "E0507";
inline constexpr char kNoMember[] = "E0508";
inline constexpr char kNotText[] = "E0509";
inline constexpr char kDuplicateKey[] = "E0510";
inline constexpr char kTooDeep[] = "E0511";

// The parser's codes for malformed literals: it checks them first, and the
// evaluator reports the same way should an unchecked literal reach it.
inline constexpr char kBadNumber[] = "E0104";
inline constexpr char kBadAddress[] = "E0105";

// A `let` or `param` named like an inventory host or group: `on NAME` means it.
inline constexpr char kShadowsHost[] = "W0320";

// Lints from schema `warn` lines.
inline constexpr char kSchemaWarning[] = "W0201";
// An `accept` that matches no warning of its resource.
inline constexpr char kUnusedAccept[] = "W0203";
// A sensitive field or module parameter given a value written in the specs.
inline constexpr char kLiteralSecret[] = "W0202";
// A host's declared memory consumers above 90 % of its memory.
inline constexpr char kNearMemory[] = "W0204";

}  // namespace kilter::compiler::codes
