import type { FrameFilter } from './frameFilters';

/**
 * Presets that hide a runtime's own frames, so the time or memory they stand for lands on the application code
 * that called into the runtime. Each preset is a list of `hide` patterns (Go regex syntax, matched anywhere in a
 * function name) that the user sees and can remove one by one; `examples` are names each pattern is meant to hide,
 * taken from the profiles in fixtures/pprof/ where they occur there.
 *
 * Hiding follows pprof (see frameFilters.ts): a stack made only of hidden frames is dropped, so the Go preset on a
 * CPU profile also drops the scheduler's idle stacks — the total shrinks to the time spent in the program's own
 * code and what it called.
 *
 * Names are matched as the servers send them, which is the function name alone (no file), so patterns key on name
 * shapes: a package prefix (`runtime.`, `java/lang/`, `System.Threading!`), a pseudo-frame (`(garbage collector)`),
 * a native library prefix (`libjvm.so.`). For Node.js, whose core functions have plain names (`processTimers`),
 * the preset lists the event loop's entry points by name.
 */

export type FilterPresetId = 'go' | 'node' | 'jvm' | 'python' | 'dotnet';

export interface PresetPattern {
  /** A `hide` pattern, Go regex syntax. */
  readonly pattern: string;
  /** What it hides, in a few words (shown to the user). */
  readonly what: string;
  /** Function names it is meant to hide. */
  readonly examples: readonly string[];
}

export interface FilterPreset {
  readonly id: FilterPresetId;
  readonly title: string;
  readonly patterns: readonly PresetPattern[];
}

export const FILTER_PRESETS: readonly FilterPreset[] = [
  {
    id: 'go',
    title: 'Go runtime and scheduler',
    patterns: [
      {
        pattern: '^runtime\\.',
        what: 'the runtime: scheduler, garbage collector, allocator, system call wrappers',
        examples: ['runtime.mcall', 'runtime.schedule', 'runtime.kevent', 'runtime.mallocgc', 'runtime.gcBgMarkWorker'],
      },
      {
        pattern: '^(?:runtime|internal/runtime)/',
        what: "the runtime's internal packages (atomics, system calls, maps)",
        examples: [
          'runtime/internal/syscall.Syscall6',
          'internal/runtime/atomic.(*Uint32).Load',
          'internal/runtime/maps.newarray',
        ],
      },
    ],
  },
  {
    id: 'node',
    title: 'Node.js and V8 internals',
    patterns: [
      {
        pattern: '^\\((?:garbage collector|program|idle|root)\\)$',
        what: "V8's pseudo-frames: garbage collection, native code, idle time, the root",
        examples: ['(garbage collector)', '(program)', '(idle)'],
      },
      {
        pattern:
          '^(?:processTicksAndRejections|runMicrotasks|runNextTicks|processTimers|listOnTimeout|processImmediate|' +
          'afterWriteTick|afterWrite|onwrite|emitBeforeScript|emitAfterScript|pushAsyncContext|popAsyncContext|' +
          'defaultTriggerAsyncIdScope)$',
        what: "the event loop's entry points: timers, next ticks, microtasks, async hooks, stream callbacks",
        examples: ['processTicksAndRejections', 'processTimers', 'listOnTimeout', 'runMicrotasks', 'afterWriteTick'],
      },
      {
        pattern:
          '^node:internal/|^:\\((?:idle|program|garbage collector|external)\\):\\d+$|' +
          '^:(?:Garbage Collection|Non JS threads activity|Node\\.js):\\d+$',
        what: "Node's own modules and pseudo-frames as the @pyroscope/nodejs agent names them (file:function:line)",
        examples: [
          'node:internal/timers:processTimers:504',
          'node:internal/timers:listOnTimeout:524',
          ':(idle):0',
          ':Garbage Collection:0',
          ':Non JS threads activity:0',
        ],
      },
      {
        pattern: '^(?:v8|node)::|^(?:Builtin|BytecodeHandler|Stub):',
        what: 'C++ and builtin frames, as native profilers (perf, eBPF) name them',
        examples: ['v8::internal::Execution::Call', 'node::LoadEnvironment', 'Builtin:InterpreterEntryTrampoline'],
      },
    ],
  },
  {
    id: 'jvm',
    title: 'JVM internals',
    patterns: [
      {
        pattern: '^\\[?libjvm\\.so',
        what: "the JVM's own native code: JIT compiler, garbage collector, runtime",
        examples: ['libjvm.so.G1ParallelCleaningTask::work', 'libjvm.so.Unsafe_Park', 'libjvm.so.thread_native_entry'],
      },
      {
        pattern: '^\\.[A-Za-z_]',
        what: 'stubs, intrinsics and unwalkable-stack markers (async-profiler names them with a leading dot)',
        examples: [
          '.itable stub',
          '.vtable stub',
          '.jbyte_disjoint_arraycopy_avx3',
          '.unknown_Java',
          '.not_walkable_Java',
        ],
      },
      {
        pattern: '^(?:jdk[/.]internal|sun|com[/.]sun)[/.]',
        what: "the JDK's implementation packages (reflection, NIO, management)",
        examples: [
          'jdk/internal/misc/Unsafe.park',
          'sun/nio/ch/EPollSelectorImpl.doSelect',
          'com/sun/jmx/mbeanserver/MBeanSupport.getAttribute',
        ],
      },
      {
        pattern: '^java[/.]lang[/.](?:reflect[/.]|Thread\\.run$)',
        what: 'reflection and the thread entry point',
        examples: ['java/lang/Thread.run', 'java.lang.reflect.Method.invoke'],
      },
      {
        pattern: '^java[/.]util[/.]concurrent[/.](?:ThreadPoolExecutor|ForkJoin)',
        what: 'thread pool workers',
        examples: [
          'java/util/concurrent/ThreadPoolExecutor.runWorker',
          'java/util/concurrent/ThreadPoolExecutor$Worker.run',
        ],
      },
    ],
  },
  {
    id: 'python',
    title: 'Python interpreter',
    patterns: [
      {
        pattern: '(?:^|\\s)(?:_bootstrap|_bootstrap_inner)(?:\\s|$)',
        what: "threading's thread start-up",
        examples: ['_bootstrap_inner', 'threading.py:1016 - _bootstrap_inner', '_bootstrap (threading.py:973)'],
      },
      {
        pattern:
          '<frozen importlib\\._bootstrap|(?:^|\\s)(?:_call_with_frames_removed|_find_and_load|_find_and_load_unlocked|_load_unlocked|exec_module)(?:\\s|$)',
        what: 'the import system',
        examples: [
          '_call_with_frames_removed',
          '<frozen importlib._bootstrap>:241 - _call_with_frames_removed',
          'exec_module',
        ],
      },
      {
        pattern: '^_?Py[A-Z][A-Za-z]*_|^(?:cfunction_|method_vectorcall|slot_tp_|vectorcall_)|^\\[?libpython',
        what: "CPython's C frames, as native profilers name them",
        examples: [
          '_PyEval_EvalFrameDefault',
          'PyObject_Call',
          'cfunction_call',
          'method_vectorcall_O',
          'libpython3.11.so.1.0',
        ],
      },
    ],
  },
  {
    id: 'dotnet',
    title: '.NET runtime',
    patterns: [
      {
        pattern: '^System\\.Threading(?:\\.Tasks)?!',
        what: 'the thread pool, execution contexts and task scheduling',
        examples: [
          'System.Threading!PortableThreadPool.WorkerThread.WorkerThreadStart',
          'System.Threading!ThreadPoolWorkQueue.Dispatch',
          'System.Threading!ExecutionContext.RunFromThreadPoolDispatchLoop',
        ],
      },
      {
        pattern: '^System\\.Runtime\\.CompilerServices!',
        what: 'async state machines (the compiler-generated plumbing of await)',
        examples: [
          'System.Runtime.CompilerServices!AsyncTaskMethodBuilder.AsyncStateMachineBox<TResult, TResult>.MoveNext',
          'System.Runtime.CompilerServices!AsyncMethodBuilderCore.Start<!<Invoke>d__10>',
        ],
      },
      {
        pattern: '^\\[?(?:lib)?coreclr\\b',
        what: "the CLR's native code (JIT, garbage collector, type loader)",
        examples: ['libcoreclr.so', '[coreclr.dll]'],
      },
    ],
  },
];

/** The preset's patterns as `hide` filters, in the order shown. */
export function presetFilters(preset: FilterPreset): FrameFilter[] {
  return preset.patterns.map((p) => ({ kind: 'hide', mode: 'regex', pattern: p.pattern }));
}

/** A preset by id. */
export function filterPreset(id: FilterPresetId): FilterPreset {
  return FILTER_PRESETS.find((p) => p.id === id) as FilterPreset;
}
