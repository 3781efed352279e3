import { describe, expect, it } from "vitest";
import { parseOptions } from "@node-rs/argon2";
import {
  DUMMY_HASH,
  generateOneTimePassword,
  hashPassword,
  ONE_TIME_ALPHABET,
  passwordProblem,
  passwordProblemMessage,
  verifyDummyPassword,
  verifyPassword,
} from "@/lib/server/passwords";

describe("hashPassword and verifyPassword", () => {
  it("stores argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1) and a salt of its own", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(second).not.toBe(first);
  });

  it("accepts the password and refuses any other", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword(stored, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(stored, "correct horse battery stapl")).toBe(false);
    expect(await verifyPassword(stored, "Correct horse battery staple")).toBe(false);
  });

  it("refuses, without throwing, when what is stored is not an argon2 hash", async () => {
    expect(await verifyPassword("not a hash", "anything at all")).toBe(false);
    expect(await verifyPassword("", "")).toBe(false);
  });

  it("verifyDummyPassword always refuses, after verifying against a hash made with the same parameters", async () => {
    expect(await verifyDummyPassword("no account 0")).toBe(false);
    expect(parseOptions(DUMMY_HASH)).toEqual(parseOptions(await hashPassword("x")));
  });
});

describe("generateOneTimePassword", () => {
  it("is four groups of four from the unambiguous alphabet", () => {
    for (let i = 0; i < 50; i++) expect(generateOneTimePassword()).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
  });

  it("leaves out 0, O, 1, I and L", () => {
    expect(ONE_TIME_ALPHABET).not.toMatch(/[01IOL]/);
    expect(new Set(ONE_TIME_ALPHABET).size).toBe(31);
  });

  it("takes every character from the random source it is given", () => {
    let next = 0;
    expect(generateOneTimePassword((size) => next++ % size)).toBe("2345-6789-ABCD-EFGH");
  });

  it("passes the password rules, so a one-time password could be kept", () => {
    expect(passwordProblem(generateOneTimePassword(), "a@school.edu")).toBeNull();
  });
});

describe("passwordProblem", () => {
  it.each([
    ["eleven char", "too-short"],
    ["twelve chars", null],
    ["x".repeat(200), null],
    ["x".repeat(201), "too-long"],
    ["Teacher@School.edu", "is-email"],
    [" teacher@school.edu ", "is-email"],
  ])("%j → %s", (password, problem) => {
    expect(passwordProblem(password, "teacher@school.edu")).toBe(problem);
  });

  it("counts characters, not UTF-16 units: twelve emoji are twelve characters", () => {
    expect(passwordProblem("🔐".repeat(12), "t@school.edu")).toBeNull();
    expect(passwordProblem("🔐".repeat(6), "t@school.edu")).toBe("too-short");
  });

  it("says what is wrong in Chinese and in English", () => {
    expect(passwordProblemMessage("too-short", "en")).toBe("The password must have at least 12 characters.");
    expect(passwordProblemMessage("too-short", "zh")).toBe("密码至少需要 12 个字符。");
    expect(passwordProblemMessage("is-email", "zh")).toBe("密码不能与邮箱相同。");
  });
});
