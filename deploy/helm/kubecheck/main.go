// Command kubecheck reads Kubernetes manifests on stdin (multi-document YAML, as `helm template`
// prints them) and decodes each one strictly into its typed API object from k8s.io/api: a
// misspelt or unknown field, a value of the wrong type or a malformed quantity is an error
// (`helm lint` checks none of these). Exit 1 when any object fails, 2 on unreadable input.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// newObject is the typed object for one apiVersion and kind (the kinds the Cairn chart renders).
func newObject(apiVersion, kind string) (any, bool) {
	switch apiVersion + " " + kind {
	case "apps/v1 Deployment":
		return &appsv1.Deployment{}, true
	case "v1 Service":
		return &corev1.Service{}, true
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}, true
	case "v1 Secret":
		return &corev1.Secret{}, true
	case "v1 PersistentVolumeClaim":
		return &corev1.PersistentVolumeClaim{}, true
	case "networking.k8s.io/v1 Ingress":
		return &networkingv1.Ingress{}, true
	case "batch/v1 Job":
		return &batchv1.Job{}, true
	case "autoscaling/v2 HorizontalPodAutoscaler":
		return &autoscalingv2.HorizontalPodAutoscaler{}, true
	case "policy/v1 PodDisruptionBudget":
		return &policyv1.PodDisruptionBudget{}, true
	}
	return nil, false
}

type header struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Metadata   struct {
		Name string `json:"name"`
	} `json:"metadata"`
}

func check(doc []byte) (string, error) {
	var h header
	if err := yaml.Unmarshal(doc, &h); err != nil {
		return "?", err
	}
	if h.Kind == "" {
		return "", nil // an empty document
	}
	name := h.Kind + " " + h.Metadata.Name
	obj, known := newObject(h.APIVersion, h.Kind)
	if !known {
		return name, fmt.Errorf("kind %q of apiVersion %q is not known to kubecheck", h.Kind, h.APIVersion)
	}
	return name, yaml.UnmarshalStrict(doc, obj)
}

func main() {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(os.Stdin))
	checked, failed := 0, 0
	for {
		doc, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "kubecheck: reading input:", err)
			os.Exit(2)
		}
		name, err := check(doc)
		if name == "" {
			continue
		}
		checked++
		if err != nil {
			failed++
			fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		}
	}
	fmt.Printf("kubecheck: %d objects, %d invalid\n", checked, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
