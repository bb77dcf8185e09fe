import { describe, expect, it } from 'vitest';
import { assertTypes, matchesTopic } from './topic-pattern';

describe('topic patterns, as a RabbitMQ topic exchange matches them', () => {
  it.each([
    ['certification.updated', 'certification.updated', true],
    ['certification.updated', 'certification.created', false],
    ['certification.*', 'certification.updated', true],
    ['certification.*', 'certification', false],
    ['certification.*', 'certification.a.b', false],
    ['*.updated', 'course.updated', true],
    ['course.#', 'course', true],
    ['course.#', 'course.lesson.added', true],
    ['#', 'anything.at.all', true],
    ['#.added', 'course.lesson.added', true],
    ['#.added', 'course.lesson.removed', false],
    ['a.#.z', 'a.z', true],
    ['a.#.z', 'a.b.c.z', true],
  ])('%s matches %s: %s', (pattern, type, expected) => {
    expect(matchesTopic(pattern, type)).toBe(expected);
  });

  it('rejects empty lists and malformed patterns', () => {
    expect(() => assertTypes([])).toThrow(TypeError);
    expect(() => assertTypes(['a..b'])).toThrow(TypeError);
    expect(() => assertTypes(['a.b*'])).toThrow(TypeError);
    expect(() => assertTypes(['a.*.#', 'x-y.z_1'])).not.toThrow();
  });
});
