// The Go regexp oracle of src/model/goRegexp.test: reads {"patterns": [...], "subjects": [...]} on stdin and
// writes, for each pattern, Go's compile error code ("" when it compiles) and whether it matches each subject
// (regexp.MatchString: what pprof's -focus, -ignore and -hide ask of a name).
package main

import (
	"encoding/json"
	"errors"
	"os"
	"regexp"
	"regexp/syntax"
)

type input struct {
	Patterns []string `json:"patterns"`
	Subjects []string `json:"subjects"`
}

type result struct {
	Error   string `json:"error"`
	Matches []bool `json:"matches"`
}

func main() {
	var in input
	if err := json.NewDecoder(os.Stdin).Decode(&in); err != nil {
		panic(err)
	}
	out := make([]result, len(in.Patterns))
	for i, p := range in.Patterns {
		re, err := regexp.Compile(p)
		if err != nil {
			var se *syntax.Error
			if errors.As(err, &se) {
				out[i].Error = string(se.Code)
			} else {
				out[i].Error = err.Error()
			}
			continue
		}
		out[i].Matches = make([]bool, len(in.Subjects))
		for j, s := range in.Subjects {
			out[i].Matches[j] = re.MatchString(s)
		}
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		panic(err)
	}
}
